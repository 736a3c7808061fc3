package io.cairn.cli.migrate;

import java.util.List;

import io.cairn.Cairn;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import picocli.CommandLine.Option;

/** The --db option every migrate command shares and which databases it selects. */
public final class MigrationAccess {

    @Option(names = {"-d", "--db"}, paramLabel = "ID", description = "Only this database (default: every configured database; undo, baseline and new need it unless only one is configured).")
    String db;

    /** The databases to work on: --db, else all of them. */
    List<String> databases(Cairn cairn) {
        if (db != null) {
            cairn.config().database(db);
            return List.of(db);
        }
        return List.copyOf(cairn.config().databases().keySet());
    }

    /** The one database a command that changes history one database at a time works on: --db, or the only one. */
    String single(Cairn cairn, String command) {
        if (db != null) {
            cairn.config().database(db);
            return db;
        }
        if (cairn.config().databases().size() == 1) {
            return cairn.config().databases().keySet().iterator().next();
        }
        throw new CairnException(ErrorCode.USAGE, "cairn migrate " + command + " works on one database: pass --db with one of "
                + String.join(", ", cairn.config().databases().keySet()));
    }
}
