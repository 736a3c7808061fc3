package io.cairn.migrate.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.migrate.MigrationContext;
import io.cairn.migrate.internal.Backend;
import io.cairn.migrate.internal.Execution;
import io.cairn.migrate.internal.Failures;
import io.cairn.migrate.internal.HistoryEntry;
import io.cairn.migrate.internal.HistoryJson;
import io.cairn.migrate.internal.JavaCall;
import io.cairn.migrate.internal.LeaseLock;
import io.cairn.migrate.internal.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Redis migrations command by command, checking the lease before each.
 *
 * <p>Crash safety, by order of writes: the history entry is written first, marked failed; the
 * commands run; then the entry is rewritten as successful. A migrator killed half-way leaves
 * the failed entry, so the next migrate refuses to replay non-idempotent commands (INCR, RPUSH)
 * on top of the ones that ran, until undo or repair says how to go on.
 */
final class RedisSession implements Backend.Session {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSession.class);

    private final RedisBackend backend;
    private final Optional<LeaseLock> lease;

    RedisSession(RedisBackend backend, Optional<LeaseLock> lease) {
        this.backend = backend;
        this.lease = lease;
    }

    @Override
    public List<HistoryEntry> history() {
        Object reply = backend.command("HGETALL", backend.historyKey());
        List<HistoryEntry> entries = new ArrayList<>();
        if (reply instanceof List<?> flat) {
            for (int i = 1; i < flat.size(); i += 2) {
                entries.add(HistoryJson.read(String.valueOf(flat.get(i))));
            }
        }
        entries.sort(Comparator.comparingInt(HistoryEntry::rank));
        return entries;
    }

    @Override
    public void createHistory() {
        // a hash needs no creation
    }

    @Override
    public void run(Execution execution) {
        long start = System.nanoTime();
        lease.ifPresent(LeaseLock::check);
        insert(execution.entry().withOutcome(0, false));
        for (Step step : execution.steps()) {
            lease.ifPresent(LeaseLock::check);
            execution.listener().beforeStatement(backend.db(), execution.migration().script(), step.statement());
            try {
                execute(step);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (e instanceof CairnException cairn && cairn.code() == io.cairn.core.ErrorCode.LOCKED) {
                    throw cairn;
                }
                record(execution.entry().withOutcome(elapsedMs(start), false));
                throw Failures.statement(backend.db(), execution, step, e, "Redis runs commands one by one, so "
                        + "the commands before it stayed applied; the failure is recorded in " + backend.historyKey()
                        + ": " + execution.undoHint());
            }
        }
        lease.ifPresent(LeaseLock::check);
        insert(execution.entry().withOutcome(elapsedMs(start), true));
    }

    @SuppressWarnings("unchecked")
    private void execute(Step step) throws Exception {
        if (step.payload() instanceof JavaCall call) {
            call.run(new MigrationContext(backend.db(), backend.type(), backend.dataManager(), Optional.empty()));
            return;
        }
        List<String> arguments = (List<String>) step.payload();
        backend.command(arguments.get(0), arguments.subList(1, arguments.size()).toArray());
    }

    private void record(HistoryEntry entry) {
        try {
            insert(entry);
        } catch (RuntimeException e) {
            LOG.warn("database '{}': recording a failed migration failed: {}", backend.db(), e.toString());
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String field(HistoryEntry entry) {
        return String.format("%010d", entry.rank());
    }

    @Override
    public void insert(HistoryEntry entry) {
        backend.command("HSET", backend.historyKey(), field(entry), HistoryJson.write(entry));
    }

    @Override
    public void delete(HistoryEntry entry) {
        backend.command("HDEL", backend.historyKey(), field(entry));
    }

    @Override
    public void update(HistoryEntry entry) {
        insert(entry);
    }

    @Override
    public void close() {
        lease.ifPresent(LeaseLock::close);
    }
}
