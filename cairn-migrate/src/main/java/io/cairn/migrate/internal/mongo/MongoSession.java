package io.cairn.migrate.internal.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.migrate.MigrationContext;
import io.cairn.migrate.internal.Backend;
import io.cairn.migrate.internal.Execution;
import io.cairn.migrate.internal.Failures;
import io.cairn.migrate.internal.HistoryEntry;
import io.cairn.migrate.internal.JavaCall;
import io.cairn.migrate.internal.LeaseLock;
import io.cairn.migrate.internal.Step;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs MongoDB migrations command by command, checking the lease before each; a write command
 * that reports writeErrors counts as failed.
 *
 * <p>Crash safety, by order of writes: the history document is inserted first, marked failed;
 * the commands run; then it is updated to successful. A migrator killed half-way leaves the
 * failed document, so the next migrate refuses to replay commands on top of the ones that ran,
 * until undo or repair says how to go on.
 */
final class MongoSession implements Backend.Session {
    private static final Logger LOG = LoggerFactory.getLogger(MongoSession.class);

    private final MongoBackend backend;
    private final Optional<LeaseLock> lease;

    MongoSession(MongoBackend backend, Optional<LeaseLock> lease) {
        this.backend = backend;
        this.lease = lease;
    }

    @Override
    public List<HistoryEntry> history() {
        List<HistoryEntry> entries = new ArrayList<>();
        for (Document document : backend.history().find().sort(Sorts.ascending("_id"))) {
            entries.add(new HistoryEntry(document.getInteger("_id"), Optional.ofNullable(document.getString("version")),
                    document.getString("description"), document.getString("type"), document.getString("script"),
                    Optional.ofNullable(document.getInteger("checksum")), document.getString("installed_by"),
                    document.getDate("installed_on").toInstant(), ((Number) document.get("execution_time_ms")).longValue(),
                    document.getBoolean("success")));
        }
        return entries;
    }

    @Override
    public void createHistory() {
        // collections appear on first insert
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
                record(execution.entry().withOutcome(elapsedMs(start), false));
                throw Failures.statement(backend.db(), execution, step, e, "MongoDB runs commands one by one, so the "
                        + "commands before it stayed applied; the failure is recorded in " + backend.historyName() + ": "
                        + execution.undoHint());
            }
        }
        lease.ifPresent(LeaseLock::check);
        outcome(execution.entry().withOutcome(elapsedMs(start), true));
    }

    private void outcome(HistoryEntry entry) {
        backend.history().updateOne(Filters.eq("_id", entry.rank()), Updates.combine(
                Updates.set("success", entry.success()), Updates.set("execution_time_ms", entry.executionTimeMs())));
    }

    private void execute(Step step) throws Exception {
        if (step.payload() instanceof JavaCall call) {
            call.run(new MigrationContext(backend.db(), backend.type(), backend.dataManager(), Optional.empty()));
            return;
        }
        Document reply = backend.database().runCommand((Document) step.payload());
        List<?> writeErrors = reply.getList("writeErrors", Object.class);
        if (writeErrors != null && !writeErrors.isEmpty()) {
            Object first = writeErrors.get(0);
            String message = first instanceof Document error ? error.getString("errmsg") : String.valueOf(first);
            throw new CairnException(ErrorCode.DATABASE_ERROR, message + (writeErrors.size() > 1
                    ? " (and " + (writeErrors.size() - 1) + " more write errors)" : ""));
        }
        if (reply.get("writeConcernError") instanceof Document concern) {
            throw new CairnException(ErrorCode.DATABASE_ERROR, "write concern error: " + concern.getString("errmsg"));
        }
    }

    private void record(HistoryEntry entry) {
        try {
            outcome(entry);
        } catch (MongoException e) {
            LOG.warn("database '{}': recording a failed migration failed: {}", backend.db(), e.toString());
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void insert(HistoryEntry entry) {
        backend.history().insertOne(new Document("_id", entry.rank())
                .append("version", entry.version().orElse(null))
                .append("description", entry.description())
                .append("type", entry.type())
                .append("script", entry.script())
                .append("checksum", entry.checksum().orElse(null))
                .append("installed_by", entry.installedBy())
                .append("installed_on", Date.from(entry.installedOn()))
                .append("execution_time_ms", entry.executionTimeMs())
                .append("success", entry.success()));
    }

    @Override
    public void delete(HistoryEntry entry) {
        backend.history().deleteOne(Filters.eq("_id", entry.rank()));
    }

    @Override
    public void update(HistoryEntry entry) {
        backend.history().updateOne(Filters.eq("_id", entry.rank()), Updates.combine(
                Updates.set("checksum", entry.checksum().orElse(null)), Updates.set("description", entry.description())));
    }

    @Override
    public void close() {
        lease.ifPresent(LeaseLock::close);
    }
}
