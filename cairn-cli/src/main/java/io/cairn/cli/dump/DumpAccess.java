package io.cairn.cli.dump;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.cairn.cli.CairnCommand;
import io.cairn.cli.repo.RepositoryAccess;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.dump.Dumps;
import io.cairn.repository.Repository;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the dump commands need: the configuration (databases), a DataManager over it and the
 * repository (--repo/--password-file or the config's {@code repository:} section), opened for
 * one operation and closed after it.
 */
public final class DumpAccess {
    @Mixin
    RepositoryAccess repository;

    /** Opens config, DataManager and repository; {@code db}, when given, must be configured. */
    <T> T run(CommandSpec spec, Optional<String> db, Function<Dumps, T> work) {
        Optional<CairnConfig> config = CairnCommand.of(spec).optionalConfig();
        if (db.isPresent()) {
            config.orElseThrow(() -> new CairnException(ErrorCode.CONFIG, "database '" + db.get()
                    + "' needs a config file that defines it: pass --config FILE or create ./cairn.yaml"))
                    .database(db.get());
        }
        CairnConfig databases = config.orElseGet(() -> CairnConfig.of(List.of()));
        try (DataManager dm = DataManager.open(databases);
             Repository repo = repository.open(config)) {
            return work.apply(Dumps.of(dm, repo));
        }
    }
}
