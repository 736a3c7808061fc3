package io.cairn.backup.postgres;

import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A concurrent write workload whose commits are totally ordered: every transaction first bumps
 * one counter row (so commits are serialised by its row lock, and commit order = counter order =
 * commit timestamp order), then inserts three rows tagged with the counter value and its xid.
 * With track_commit_timestamp on, the state at any time T is exactly "counter values whose commit
 * timestamp is at most T", so a restored copy can be compared exactly.
 */
final class Workload implements AutoCloseable {
    private final PostgresExtension pg;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private final boolean survivesRestarts;

    Workload(PostgresExtension pg) {
        this(pg, false);
    }

    /** With {@code survivesRestarts}, a lost connection (the server killed) is reopened instead of failing. */
    Workload(PostgresExtension pg, boolean survivesRestarts) {
        this.pg = pg;
        this.survivesRestarts = survivesRestarts;
    }

    static void createSchema(PostgresExtension pg) throws SQLException {
        TestSupport.execute(pg, "CREATE TABLE counter (id int PRIMARY KEY, n bigint NOT NULL)",
                "INSERT INTO counter VALUES (1, 0)",
                "CREATE TABLE events (n bigint, part int, worker int, xid bigint, payload text, PRIMARY KEY (n, part))");
    }

    void start(int writers) {
        for (int worker = 0; worker < writers; worker++) {
            int id = worker;
            Thread thread = new Thread(() -> run(id), "workload-" + id);
            thread.start();
            threads.add(thread);
        }
    }

    private void run(int worker) {
        while (!stop.get()) {
            try {
                write(worker);
            } catch (SQLException | AssertionError e) {
                // pgjdbc (with -ea) may report a connection cut mid-batch as an AssertionError
                if (!survivesRestarts) {
                    failure.compareAndSet(null, e);
                    return;
                }
                pause();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(int worker) throws SQLException {
        try (Connection connection = TestSupport.connect(pg)) {
            connection.setAutoCommit(false);
            try (PreparedStatement bump = connection.prepareStatement("UPDATE counter SET n = n + 1 WHERE id = 1 RETURNING n");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO events VALUES (?, ?, ?, txid_current(), repeat(md5(random()::text), 20))")) {
                while (!stop.get()) {
                    long n;
                    try (ResultSet row = bump.executeQuery()) {
                        row.next();
                        n = row.getLong(1);
                    }
                    for (int part = 0; part < 3; part++) {
                        insert.setLong(1, n);
                        insert.setInt(2, part);
                        insert.setInt(3, worker);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    /** The last committed counter value. */
    /** The counter value of the newest commit, read on a new connection. */
    long committed() throws SQLException {
        try (Connection connection = TestSupport.connect(pg)) {
            return committed(connection);
        }
    }

    /**
     * Waits until the counter reaches {@code n}; fails at once when a writer has failed. A read that
     * fails (the server restarting) counts as "not yet".
     */
    void awaitCommitted(long n) {
        Await.until(Duration.ofMinutes(2), "the workload to reach " + n + " commits", () -> {
            rethrow();
            return committed();
        }, committed -> committed >= n);
    }

    static long committed(Connection connection) throws SQLException {
        return Long.parseLong(TestSupport.text(connection, "SELECT n FROM counter"));
    }

    /** The highest counter value whose commit timestamp is at most {@code time}. */
    static long committedAt(Connection connection, Instant time) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT coalesce(max(n), 0) FROM events"
                + " WHERE part = 0 AND pg_xact_commit_timestamp(xmin) <= ?")) {
            statement.setTimestamp(1, Timestamp.from(time));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Commit timestamps of all transactions, in counter order. */
    static List<Instant> commitTimes(Connection connection) throws SQLException {
        List<Instant> times = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT pg_xact_commit_timestamp(xmin) FROM events WHERE part = 0 ORDER BY n")) {
            while (rows.next()) {
                times.add(rows.getTimestamp(1).toInstant());
            }
        }
        return times;
    }

    /** Checks a (restored) database holds exactly counter values 1..n, three rows each; returns n. */
    static long verifyPrefix(Connection connection) throws SQLException {
        long counter = committed(connection);
        String summary = TestSupport.text(connection, "SELECT count(*) || '/' || count(DISTINCT n) || '/'"
                + " || coalesce(min(n), 0) || '/' || coalesce(max(n), 0) FROM events");
        String expected = counter * 3 + "/" + counter + "/" + (counter == 0 ? 0 : 1) + "/" + counter;
        if (!summary.equals(expected)) {
            throw new AssertionError("restored events " + summary + " (rows/values/min/max) do not match counter " + counter);
        }
        return counter;
    }

    /** Runs {@code action} while holding the counter row lock, so no transaction commits in between. */
    static <T> T quiesced(PostgresExtension pg, SqlAction<T> action) throws SQLException {
        try (Connection connection = TestSupport.connect(pg)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT n FROM counter WHERE id = 1 FOR UPDATE");
            }
            T result = action.run(connection);
            connection.commit();
            return result;
        }
    }

    /** SQL work that may throw. */
    interface SqlAction<T> {
        T run(Connection connection) throws SQLException;
    }

    void rethrow() {
        if (failure.get() != null) {
            throw new AssertionError("workload failed", failure.get());
        }
    }

    @Override
    public void close() {
        stop.set(true);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the workload", e);
            }
        }
        rethrow();
    }
}
