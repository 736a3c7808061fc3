package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.tx.DistributedResult;
import io.cairn.tx.DistributedTx;
import io.cairn.tx.DistributedWork;
import io.cairn.tx.Statements;
import io.cairn.tx.TxOptions;
import io.cairn.tx.internal.JdbcStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one distributed transaction: begin a branch per participant, run the work,
 * prepare every branch, make the commit decision durable, commit every branch, clean the log
 * entry. Until the decision is durable any failure rolls every branch back (and recovery rolls
 * back what this could not: presumed abort); after it, the transaction is committed and only
 * confirming the commits remains.
 */
final class DistributedRun implements DistributedTx {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedRun.class);
    private static final int COMMIT_ATTEMPTS = 5;

    private final String gid;
    private final List<String> dbs;
    private final Participants participants;
    private final CoordinatorLog log;
    private final BranchFinisher finisher;
    private final Clock clock;
    private final Step step;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, Statements> statements = new LinkedHashMap<>();
    private final Map<String, Optional<Long>> sessions = new LinkedHashMap<>();
    private final List<String> prepared = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    private final java.util.function.BiConsumer<String, Long> lingering;

    /** @param lingering told the session of each branch whose commit is left to recovery */
    DistributedRun(String gid, List<String> dbs, Participants participants, CoordinatorLog log,
            BranchFinisher finisher, Clock clock, Step step, java.util.function.BiConsumer<String, Long> lingering) {
        this.lingering = lingering;
        this.gid = gid;
        this.dbs = List.copyOf(dbs);
        this.participants = participants;
        this.log = log;
        this.finisher = finisher;
        this.clock = clock;
        this.step = step;
    }

    DistributedResult run(TxOptions options, DistributedWork work) {
        try {
            begin(options);
            work.run(this);
            prepareAll();
        } catch (Throwable failure) {
            rollbackAll();
            throw rethrown(failure);
        }
        decide();
        List<String> awaiting = commitAll();
        if (awaiting.isEmpty()) {
            step.at(Step.Point.ALL_COMMITTED, null, null);
            log.done(gid);
        } else {
            LOG.warn("distributed transaction {} committed; recovery confirms the commit on {}", gid, awaiting);
        }
        for (Runnable hook : afterCommit) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.warn("distributed transaction {}: an after-commit hook failed: {}", gid, e.toString());
            }
        }
        return new DistributedResult(gid, dbs, awaiting);
    }

    @Override
    public Statements on(String db) {
        Statements found = statements.get(db);
        if (found == null) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "' is not a participant of distributed "
                    + "transaction " + gid + " (participants: " + dbs + ")");
        }
        return found;
    }

    @Override
    public String gid() {
        return gid;
    }

    @Override
    public void afterCommit(Runnable hook) {
        afterCommit.add(hook);
    }

    private void begin(TxOptions options) throws SQLException {
        for (String db : dbs) {
            Connection connection = participants.pooled(db);
            connections.put(db, connection);
            sessions.put(db, participants.branches(db).sessionId(connection));
            participants.branches(db).begin(connection, gid, db, options);
            statements.put(db, new JdbcStatements(db, participants.sql(db), connection,
                    e -> participants.failures(db).running(e).toException()));
        }
    }

    private void prepareAll() throws SQLException {
        step.at(Step.Point.BEFORE_PREPARE, null, null);
        for (String db : dbs) {
            try {
                participants.branches(db).prepare(connections.get(db), gid, db);
            } catch (SQLException e) {
                throw new CairnException(ErrorCode.DATABASE_ERROR, "distributed transaction " + gid + ": database '"
                        + db + "' could not prepare its branch, so every branch is rolled back: "
                        + participants.failures(db).running(e).toException().getMessage(), e);
            }
            prepared.add(db);
            step.at(Step.Point.PREPARED, db, connections.get(db));
        }
    }

    /** The commit point: once this returns the transaction is committed, whatever happens next. */
    private void decide() {
        try {
            log.decide(new Decision(gid, true, clock.instant(), dbs, false));
        } catch (RuntimeException e) {
            // not known to be durable: roll back; should the record have reached the disk, recovery
            // finds every branch gone and only cleans the entry
            rollbackAll();
            throw e;
        }
        step.at(Step.Point.DECIDED, null, null);
    }

    private List<String> commitAll() {
        List<String> awaiting = new ArrayList<>();
        for (String db : dbs) {
            Connection connection = connections.get(db);
            step.at(Step.Point.BEFORE_COMMIT, db, connection);
            BranchFinisher.Finished finished = finisher.finish(gid, db, true, Optional.of(connection), sessions.get(db),
                    COMMIT_ATTEMPTS);
            if (finished.confirmed()) {
                step.at(Step.Point.COMMITTED, db, connection);
            } else {
                LOG.warn("{}: commit of distributed transaction {} not confirmed: {}", db, gid, finished.detail());
                sessions.get(db).ifPresent(session -> lingering.accept(db, session));
                awaiting.add(db);
            }
        }
        closeAll();
        return awaiting;
    }

    /** Rolls back every branch: unprepared ones on their connection, prepared ones as recovery would. */
    private void rollbackAll() {
        for (String db : connections.keySet()) {
            Connection connection = connections.get(db);
            try {
                if (prepared.contains(db)) {
                    BranchFinisher.Finished finished = finisher.finish(gid, db, false, Optional.of(connection),
                            sessions.getOrDefault(db, Optional.empty()), 1);
                    if (!finished.confirmed()) {
                        LOG.warn("{}: rollback of prepared branch of {} left to recovery: {}", db, gid, finished.detail());
                    }
                } else {
                    participants.branches(db).rollbackUnprepared(connection, gid, db);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("{}: rollback of distributed transaction {} failed ({}); the connection is dropped", db, gid,
                        e.toString());
                abort(connection);
            }
        }
        closeAll();
    }

    private void closeAll() {
        for (Connection connection : connections.values()) {
            Participants.closeQuietly(connection);
        }
        connections.clear();
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // closing below returns or drops it
        }
    }

    private RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof SQLException sql) {
            return new CairnException(ErrorCode.DATABASE_ERROR, "distributed transaction " + gid + " rolled back: "
                    + sql.getMessage(), sql);
        }
        return new CairnException(ErrorCode.PRECONDITION, "distributed transaction " + gid + " rolled back: its work "
                + "failed: " + failure, failure);
    }
}
