package io.cairn.dump.mariadb.internal;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.QueryResult;
import java.util.ArrayList;
import java.util.List;

/** What the dump and load steps ask a MariaDB/MySQL server, through the DataManager's pool. */
final class MariaDbCatalog {
    record Server(String version, String database) {
        boolean isMariaDb() {
            return version.contains("MariaDB");
        }

        /** The version without build suffixes: 10.11.6-MariaDB-0+deb12u1 → 10.11.6. */
        String shortVersion() {
            int dash = version.indexOf('-');
            return dash < 0 ? version : version.substring(0, dash);
        }
    }

    private final DataManager dataManager;
    private final String db;

    MariaDbCatalog(DataManager dataManager, String db) {
        this.dataManager = dataManager;
        this.db = db;
    }

    Server server() {
        List<Object> row = dataManager.query(db, "SELECT VERSION(), DATABASE()").rows().get(0);
        if (row.get(1) == null) {
            throw new CairnException(ErrorCode.CONFIG, "database '" + db + "': url: names no database; add one, "
                    + "e.g. mariadb://app@host:3306/app");
        }
        return new Server(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
    }

    /** Tables and views of the URL's database. */
    List<String> tables() {
        QueryResult result = dataManager.query(db, "SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() ORDER BY table_name");
        List<String> names = new ArrayList<>();
        result.rows().forEach(row -> names.add(String.valueOf(row.get(0))));
        return names;
    }
}
