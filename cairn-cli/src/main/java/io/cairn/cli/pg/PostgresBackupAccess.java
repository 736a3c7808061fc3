package io.cairn.cli.pg;

import java.util.function.Function;

import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.cli.CairnCommand;
import io.cairn.cli.repo.RepositoryAccess;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.Repository;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every {@code cairn pg} command needs: the database (--db, from the config file) and the
 * repository (--repo or the config's repository section), opened for one operation and closed
 * after it.
 */
public final class PostgresBackupAccess {
    @Option(names = {"-d", "--db"}, required = true, paramLabel = "ID", description = "The PostgreSQL database id in the config file.")
    String db;
    @Mixin
    RepositoryAccess repository;

    String db() {
        return db;
    }

    /** Opens the config, the DataManager and the repository, runs {@code work}, closes them. */
    <T> T run(CommandSpec spec, Function<PostgresBackups, T> work) {
        return run(config(spec), work);
    }

    /** The configuration file, which must exist and name the database. */
    CairnConfig config(CommandSpec spec) {
        CairnConfig config = CairnCommand.of(spec).optionalConfig().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                "cairn pg needs a config file naming database '" + db + "': pass --config FILE or create ./cairn.yaml"));
        config.database(db);
        return config;
    }

    /** Like {@link #run(CommandSpec, Function)} with a configuration already loaded by {@link #config}. */
    <T> T run(CairnConfig config, Function<PostgresBackups, T> work) {
        try (DataManager dm = DataManager.open(config);
             Repository repo = repository.open(java.util.Optional.of(config))) {
            return work.apply(new PostgresBackups(dm, repo));
        }
    }
}
