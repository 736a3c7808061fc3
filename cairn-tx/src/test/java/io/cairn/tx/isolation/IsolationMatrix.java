package io.cairn.tx.isolation;

import io.cairn.core.DataManager;
import io.cairn.tx.Isolation;
import io.cairn.tx.Transactions;
import io.cairn.tx.TxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures which Hermitage anomalies each isolation level Cairn offers lets through, on one
 * database, and reads the table docs/transactions.md claims for it, so a test can hold the docs
 * to what the server does.
 */
final class IsolationMatrix {
    private static final Path DOC = Path.of("..", "docs", "transactions.md");
    static final String PREVENTED = "prevented";
    static final String POSSIBLE = "possible";

    /** How to find a session's server id and whether it waits for a lock. */
    enum Database {
        POSTGRESQL {
            @Override
            long serverId(Connection connection) {
                try {
                    return connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            boolean waitingForLock(DataManager databases, long id) {
                return count(databases, "SELECT count(*) FROM pg_locks WHERE pid = ? AND NOT granted", (int) id) > 0;
            }
        },
        MARIADB {
            @Override
            long serverId(Connection connection) {
                try {
                    return connection.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            boolean waitingForLock(DataManager databases, long id) {
                // a cache refreshed at most every 100 ms: Session asks only while a statement may be waiting
                return count(databases, "SELECT count(*) FROM information_schema.innodb_trx "
                        + "WHERE trx_mysql_thread_id = ? AND trx_state = 'LOCK WAIT'", id) > 0;
            }
        };

        abstract long serverId(Connection connection);

        abstract boolean waitingForLock(DataManager databases, long id);

        private static long count(DataManager databases, String sql, Object id) {
            return ((Number) databases.query("main", sql, id).firstValue().orElseThrow()).longValue();
        }
    }

    private IsolationMatrix() {
    }

    /** Level → anomaly → "prevented" / "possible", measured. */
    static Map<Isolation, Map<Anomaly, String>> measure(Database database, DataManager databases, Transactions tx) {
        Map<Isolation, Map<Anomaly, String>> table = new EnumMap<>(Isolation.class);
        for (Isolation level : Isolation.values()) {
            // no retries: the matrix must see the first failure; the lock timeout only guards against a hang
            TxOptions options = TxOptions.defaults().isolation(level).retries(0).lockTimeout(Duration.ofSeconds(10));
            Map<Anomaly, String> row = new EnumMap<>(Anomaly.class);
            for (Anomaly anomaly : Anomaly.values()) {
                try (Scenario scenario = new Scenario(database, databases, tx, options)) {
                    row.put(anomaly, anomaly.happens(scenario) ? POSSIBLE : PREVENTED);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            table.put(level, row);
        }
        return table;
    }

    /** The table docs/transactions.md gives after {@code <!-- isolation-matrix: key -->}. */
    static Map<Isolation, Map<Anomaly, String>> documented(String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(DOC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf("<!-- isolation-matrix: " + key + " -->");
        if (start < 0) {
            throw new AssertionError(DOC + " has no line <!-- isolation-matrix: " + key + " -->");
        }
        Map<Isolation, Map<Anomaly, String>> table = new EnumMap<>(Isolation.class);
        for (Isolation level : Isolation.values()) {
            table.put(level, new EnumMap<>(Anomaly.class));
        }
        for (int i = start + 3; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            String label = cells[1].trim().split(" ")[0];
            Anomaly anomaly = List.of(Anomaly.values()).stream().filter(a -> a.label().equals(label)).findFirst()
                    .orElseThrow(() -> new AssertionError("unknown anomaly " + label + " in " + DOC));
            for (Isolation level : Isolation.values()) {
                table.get(level).put(anomaly, cells[2 + level.ordinal()].trim().toLowerCase(Locale.ROOT));
            }
        }
        return table;
    }

    /** The measured table as the markdown docs/transactions.md holds, to paste when the docs are wrong. */
    static String markdown(Map<Isolation, Map<Anomaly, String>> table) {
        StringBuilder out = new StringBuilder("| anomaly | read committed | repeatable read | serializable |\n|---|---|---|---|\n");
        for (Anomaly anomaly : Anomaly.values()) {
            out.append("| ").append(anomaly.label()).append(" (").append(anomaly.description()).append(")");
            for (Isolation level : Isolation.values()) {
                out.append(" | ").append(table.get(level).get(anomaly));
            }
            out.append(" |\n");
        }
        return out.toString();
    }
}
