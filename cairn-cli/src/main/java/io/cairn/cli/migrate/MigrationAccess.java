package io.cairn.cli.migrate;

import java.util.List;
import java.util.Optional;

import io.cairn.cli.CairnCommand;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.migrate.Migrations;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every migrate command shares (--db, --json) and how a command reaches the library. */
public final class MigrationAccess {

    @Option(names = {"-d", "--db"}, paramLabel = "ID", description = "Only this database (default: every configured database; undo, baseline and new need it unless only one is configured).")
    String db;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** The configuration: --config, $CAIRN_CONFIG or ./cairn.yaml; migrations need one. */
    static CairnConfig config(CommandSpec spec) {
        return CairnCommand.of(spec).optionalConfig().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                "no configuration file: ./cairn.yaml does not exist (pass --config FILE or set CAIRN_CONFIG)"));
    }

    /** The databases to work on: --db, else all of them. */
    List<String> databases(DataManager dm) {
        if (db != null) {
            dm.config().database(db);
            return List.of(db);
        }
        return List.copyOf(dm.databaseIds());
    }

    /** The one database a command that changes history one database at a time works on: --db, or the only one. */
    String single(DataManager dm, String command) {
        if (db != null) {
            dm.config().database(db);
            return db;
        }
        if (dm.databaseIds().size() == 1) {
            return dm.databaseIds().iterator().next();
        }
        throw new CairnException(ErrorCode.USAGE, "cairn migrate " + command + " works on one database: pass --db with one of "
                + String.join(", ", dm.databaseIds()));
    }

    static Migrations migrations(DataManager dm) {
        return Migrations.of(dm);
    }

    Optional<String> db() {
        return Optional.ofNullable(db);
    }
}
