package io.cairn.dump.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the dump and load steps ask a PostgreSQL server, through the DataManager's pool. */
final class PostgresCatalog {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    /** The server's version and the connected database. */
    record Server(int versionNumber, String version, String database) {
        int major() {
            return versionNumber >= 100000 ? versionNumber / 10000 : versionNumber / 100;
        }
    }

    private final DataManager dataManager;
    private final String db;

    PostgresCatalog(DataManager dataManager, String db) {
        this.dataManager = dataManager;
        this.db = db;
    }

    Server server() {
        QueryResult result = dataManager.query(db, "SELECT current_setting('server_version_num')::int, "
                + "current_setting('server_version'), current_database()");
        List<Object> row = result.rows().get(0);
        String version = String.valueOf(row.get(1));
        int space = version.indexOf(' ');
        return new Server(((Number) row.get(0)).intValue(), space < 0 ? version : version.substring(0, space),
                String.valueOf(row.get(2)));
    }

    /** The server, or empty when the URL's database does not exist (the one NOT_FOUND a connect gives). */
    Optional<Server> serverIfDatabaseExists() {
        try {
            return Optional.of(server());
        } catch (CairnException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Tables, views, sequences and foreign tables outside the system schemas, as {@code schema.name}. */
    List<String> userRelations() {
        QueryResult result = dataManager.query(db, "SELECT n.nspname || '.' || c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND "
                + USER_SCHEMAS + " ORDER BY 1");
        List<String> names = new ArrayList<>();
        result.rows().forEach(row -> names.add(String.valueOf(row.get(0))));
        return names;
    }

    /**
     * Which table each index and owned sequence belongs to ({@code schema.index → schema.table}):
     * pg_restore's list does not say, and a one-table load must bring them along.
     */
    Map<String, String> dependents() {
        QueryResult result = dataManager.query(db, "SELECT n.nspname || '.' || c.relname, tn.nspname || '.' || t.relname "
                + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE "
                + USER_SCHEMAS + " UNION ALL "
                + "SELECT n.nspname || '.' || s.relname, tn.nspname || '.' || t.relname FROM pg_class s "
                + "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype IN ('a', 'i') "
                + "AND d.refclassid = 'pg_class'::regclass JOIN pg_class t ON t.oid = d.refobjid "
                + "JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_namespace tn ON tn.oid = t.relnamespace "
                + "WHERE s.relkind = 'S' AND " + USER_SCHEMAS);
        Map<String, String> owners = new LinkedHashMap<>();
        result.rows().forEach(row -> owners.put(String.valueOf(row.get(0)), String.valueOf(row.get(1))));
        return owners;
    }
}
