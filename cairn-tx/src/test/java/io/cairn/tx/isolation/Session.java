package io.cairn.tx.isolation;

import io.cairn.core.QueryResult;
import io.cairn.testkit.Await;
import io.cairn.tx.Transactions;
import io.cairn.tx.TxOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * One Hermitage transaction ("T1") run through Cairn's {@code inTransaction} on its own thread; the
 * test hands it one statement at a time. {@link #submit} returns once the statement finished or the
 * server shows the session waiting for a lock (never by waiting for time), so the test can go on
 * with another session, as the Hermitage scripts do.
 */
final class Session implements AutoCloseable {
    private static final Duration STEP_BOUND = Duration.ofSeconds(20);

    /** A submitted statement: its rows (reads), its update count, or its failure. */
    static final class Step {
        final String sql;
        final CompletableFuture<Object> done = new CompletableFuture<>();
        /** System.nanoTime() when the session thread took it; 0 until then. */
        volatile long started;

        Step(String sql) {
            this.sql = sql;
        }

        /** Waits for it; the rows as id → value, or null when the statement (or its transaction) failed. */
        Map<Integer, Integer> rows() {
            Object value = await();
            return value instanceof Map<?, ?> ? cast(value) : null;
        }

        boolean ok() {
            return !(await() instanceof Throwable);
        }

        private Object await() {
            try {
                return done.handle((value, failure) -> failure != null ? failure : value).get(STEP_BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("step did not finish: " + sql, e);
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<Integer, Integer> cast(Object value) {
            return (Map<Integer, Integer>) value;
        }
    }

    private static final String COMMIT = "<commit>";
    private static final String ABORT = "<abort>";

    private static final java.time.Duration STALE_LOCK_STATE = java.time.Duration.ofMillis(250);

    private final String name;
    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    private final CompletableFuture<Long> serverId = new CompletableFuture<>();
    private final LongPredicate waitingForLock;
    private final Thread thread;
    private volatile Step ending;
    private volatile boolean finished;
    /** The step submitted before this one (submit is called from the test's thread only). */
    private Step previous;

    /**
     * @param serverIdSql     reads the session's server id from its JDBC connection without a statement
     *                        (a statement would take the snapshot too early)
     * @param waitingForLock  asks the server, on another connection, whether that id waits for a lock
     */
    Session(String name, Transactions tx, String db, TxOptions options, java.util.function.ToLongFunction<java.sql.Connection> serverIdSql,
            LongPredicate waitingForLock) {
        this.name = name;
        this.waitingForLock = waitingForLock;
        this.thread = new Thread(() -> run(tx, db, options, serverIdSql), "hermitage-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Transactions tx, String db, TxOptions options, java.util.function.ToLongFunction<java.sql.Connection> serverIdSql) {
        Object outcome;
        try {
            tx.inTransaction(db, options, t -> {
                serverId.complete(serverIdSql.applyAsLong(t.connection()));
                while (true) {
                    Step step = steps.take();
                    step.started = System.nanoTime();
                    if (step.sql.equals(COMMIT) || step.sql.equals(ABORT)) {
                        ending = step;
                        if (step.sql.equals(ABORT)) {
                            throw new Aborted();
                        }
                        return null;
                    }
                    try {
                        step.done.complete(execute(t, step.sql));
                    } catch (RuntimeException e) {
                        step.done.completeExceptionally(e);
                        throw e;
                    }
                }
            });
            outcome = Boolean.TRUE;
        } catch (Aborted e) {
            outcome = Boolean.FALSE;
        } catch (RuntimeException e) {
            serverId.completeExceptionally(e);
            outcome = e;
        }
        synchronized (this) {
            finished = true;
        }
        Step last = ending;
        if (last != null) {
            if (outcome instanceof Throwable failure) {
                last.done.completeExceptionally(failure);
            } else {
                last.done.complete(outcome);
            }
        }
        Throwable ended = outcome instanceof Throwable t ? t : new IllegalStateException(name + " has ended");
        for (Step step; (step = steps.poll()) != null; ) {
            step.done.completeExceptionally(ended);
        }
    }

    private static Object execute(io.cairn.tx.Tx t, String sql) {
        if (sql.trim().toLowerCase().startsWith("select")) {
            QueryResult result = t.query(sql);
            Map<Integer, Integer> rows = new LinkedHashMap<>();
            for (List<Object> row : result.rows()) {
                rows.put(((Number) row.get(0)).intValue(), ((Number) row.get(1)).intValue());
            }
            return rows;
        }
        return t.execute(sql);
    }

    /** Hands the statement over; returns once it finished or the session is seen waiting for a lock. */
    Step submit(String sql) {
        Step step = new Step(sql);
        synchronized (this) {
            if (finished) {
                step.done.completeExceptionally(new IllegalStateException(name + " has ended"));
                return step;
            }
            steps.add(step);
        }
        Step before = previous;
        previous = step;
        long id;
        try {
            id = serverId.get(STEP_BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return step;
        }
        Await.until(STEP_BOUND, name + " finishing or waiting for a lock: " + sql,
                () -> step.done.isDone() || finished
                        || (mayWait(sql, before) && runningLongEnough(running(sql, step, before)) && waitingForLock.test(id)));
        return step;
    }

    /**
     * COMMIT and ROLLBACK wait for no row lock: the session can only be waiting while a statement
     * before them still is. Asking the server anyway would be wrong on MariaDB, whose innodb_trx is a
     * cache refreshed at most every 100 ms and can still show a lock wait that just ended.
     */
    private static boolean mayWait(String sql, Step before) {
        boolean ends = sql.equals(COMMIT) || sql.equals(ABORT);
        return !ends || (before != null && !before.done.isDone());
    }

    /** The statement that could be waiting: this one, or for COMMIT/ROLLBACK the one queued before it. */
    private static Step running(String sql, Step step, Step before) {
        return sql.equals(COMMIT) || sql.equals(ABORT) ? before : step;
    }

    /**
     * MariaDB's innodb_trx is refreshed at most every 100 ms: a lock wait it shows is this
     * statement's only once the statement has run longer than that (PostgreSQL's pg_locks is live;
     * the wait costs it nothing).
     */
    private static boolean runningLongEnough(Step running) {
        long started = running == null ? 0 : running.started;
        return started != 0 && System.nanoTime() - started > STALE_LOCK_STATE.toNanos();
    }

    Step commit() {
        return submit(COMMIT);
    }

    Step abort() {
        return submit(ABORT);
    }

    @Override
    public void close() throws InterruptedException {
        if (!finished) {
            steps.add(new Step(ABORT));
        }
        thread.join(STEP_BOUND.toMillis());
    }

    private static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("aborted by the script", null, false, false);
        }
    }
}
