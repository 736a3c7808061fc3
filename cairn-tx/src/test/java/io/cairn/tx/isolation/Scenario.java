package io.cairn.tx.isolation;

import io.cairn.core.DataManager;
import io.cairn.tx.Transactions;
import io.cairn.tx.TxOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of one anomaly at one level: fresh table, sessions, the final state. */
final class Scenario implements AutoCloseable {
    private final IsolationMatrix.Database database;
    private final DataManager databases;
    private final Transactions tx;
    private final TxOptions options;
    private final List<Session> sessions = new ArrayList<>();

    Scenario(IsolationMatrix.Database database, DataManager databases, Transactions tx, TxOptions options) {
        this.database = database;
        this.databases = databases;
        this.tx = tx;
        this.options = options;
        databases.execute("main", "DROP TABLE IF EXISTS test");
        databases.execute("main", "CREATE TABLE test (id int PRIMARY KEY, value int)");
        databases.execute("main", "INSERT INTO test (id, value) VALUES (1, 10), (2, 20)");
    }

    Session session(String name) {
        Session session = new Session(name, tx, "main", options, database::serverId,
                id -> database.waitingForLock(databases, id));
        sessions.add(session);
        return session;
    }

    Map<Integer, Integer> finalRows() {
        Map<Integer, Integer> rows = new LinkedHashMap<>();
        for (List<Object> row : databases.query("main", "SELECT id, value FROM test ORDER BY id").rows()) {
            rows.put(((Number) row.get(0)).intValue(), ((Number) row.get(1)).intValue());
        }
        return rows;
    }

    @Override
    public void close() throws InterruptedException {
        for (Session session : sessions) {
            session.close();
        }
    }
}
