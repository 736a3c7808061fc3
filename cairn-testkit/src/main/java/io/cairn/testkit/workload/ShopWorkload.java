package io.cairn.testkit.workload;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database that changes about 1% of its rows a day, in two shapes:
 * <ul>
 *   <li>{@code typical}: half the change is new rows appended to an event log, the rest updates
 *       of recently active accounts (a hot set) and deletion of the oldest events — how OLTP
 *       databases usually change;</li>
 *   <li>{@code scattered}: 1% of all rows updated uniformly at random — the worst case for any
 *       chunk-based deduplication, since nearly every chunk holds a changed row.</li>
 * </ul>
 */
public final class ShopWorkload {
    private final int accounts;
    private final int events;
    private final String shape;
    private int day;

    public ShopWorkload(int accounts, int events, String shape) {
        if (!shape.equals("typical") && !shape.equals("scattered")) {
            throw new IllegalArgumentException("workload must be typical or scattered, not " + shape);
        }
        this.accounts = accounts;
        this.events = events;
        this.shape = shape;
    }

    public int totalRows() {
        return accounts + events;
    }

    public void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT setseed(0.42)");
            s.execute("CREATE TABLE accounts (id serial PRIMARY KEY, name text NOT NULL, email text NOT NULL, "
                    + "balance numeric(14,2) NOT NULL, updated_at timestamptz NOT NULL, profile text NOT NULL)");
            s.execute("CREATE TABLE events (id bigserial PRIMARY KEY, account_id int NOT NULL, kind text NOT NULL, "
                    + "payload text NOT NULL, created timestamptz NOT NULL)");
            s.execute("INSERT INTO accounts (name, email, balance, updated_at, profile) SELECT 'account ' || i, "
                    + "'user' || i || '@example.com', round((random() * 10000)::numeric, 2), "
                    + "'2024-01-01'::timestamptz + i * interval '1 second', md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text) "
                    + "FROM generate_series(1, " + accounts + ") i");
            s.execute("INSERT INTO events (account_id, kind, payload, created) SELECT 1 + (random() * "
                    + (accounts - 1) + ")::int, (ARRAY['login','order','refund','logout'])[1 + i % 4], "
                    + "md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text), '2024-01-01'::timestamptz + i * interval '1 second' "
                    + "FROM generate_series(1, " + events + ") i");
            s.execute("CREATE INDEX events_account_idx ON events (account_id)");
            s.execute("VACUUM ANALYZE");
        }
    }

    /** Applies one day of change: about 1% of {@link #totalRows()}. */
    public void nextDay(Connection connection) throws SQLException {
        day++;
        int change = totalRows() / 100;
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT setseed(" + (0.01 * day) + ")");
            if (shape.equals("typical")) {
                int inserts = change / 2;
                int updates = change * 3 / 8;
                int deletes = change - inserts - updates;
                s.execute("INSERT INTO events (account_id, kind, payload, created) SELECT 1 + (random() * "
                        + (accounts - 1) + ")::int, 'order', md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text), now() "
                        + "FROM generate_series(1, " + inserts + ")");
                // the hot set: the 5% of accounts updated most recently
                s.execute("UPDATE accounts SET balance = balance + 1, updated_at = now() WHERE id IN (SELECT id FROM "
                        + "(SELECT id FROM accounts ORDER BY updated_at DESC LIMIT " + Math.max(updates, accounts / 20)
                        + ") hot ORDER BY random() LIMIT " + updates + ")");
                s.execute("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT " + deletes + ")");
            } else {
                int accountUpdates = (int) ((long) change * accounts / totalRows());
                s.execute("UPDATE accounts SET balance = balance + 1, updated_at = now() WHERE id IN "
                        + "(SELECT id FROM accounts ORDER BY random() LIMIT " + accountUpdates + ")");
                s.execute("UPDATE events SET kind = 'changed' WHERE id IN (SELECT id FROM events ORDER BY random() LIMIT "
                        + (change - accountUpdates) + ")");
            }
            s.execute("VACUUM");
        }
    }
}
