package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.tx.DistributedResult;
import io.cairn.tx.DistributedWork;
import io.cairn.tx.InDoubtReport;
import io.cairn.tx.RecoveryResult;
import io.cairn.tx.TxOptions;
import io.cairn.tx.TxSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two-phase commit coordinator: runs distributed transactions ({@link DistributedRun}), keeps
 * the durable log ({@link CoordinatorLog}) and recovers ({@link Recovery}, {@link RecoveryLoop}).
 * The log opens on first use (a distributed transaction, a recovery run); background recovery
 * starts with the first distributed transaction or {@link #startRecovery()}. So a process that only
 * runs local transactions never locks a log or contacts every database.
 */
public final class TwoPhaseCommit implements AutoCloseable {
    private final TxSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final MeterRegistry meterRegistry;
    private final Step step;
    private final Participants participants;
    private final BranchFinisher finisher;
    private final Recovery recovery;
    /** gids of the transactions running in this process; recovery leaves their branches alone. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** "gid db" of branches whose commit was left to recovery, with the session that prepared them. */
    private final java.util.Map<String, Long> lingering = new ConcurrentHashMap<>();
    private CoordinatorLog log;
    private RecoveryLoop loop;
    private boolean closed;

    public TwoPhaseCommit(DataManager databases, TxSettings settings, Clock clock, Sleeper sleeper,
            MeterRegistry meterRegistry) {
        this(databases, settings, clock, sleeper, meterRegistry, Step.NONE);
    }

    /** With a test hook called at each step of every distributed transaction. */
    public TwoPhaseCommit(DataManager databases, TxSettings settings, Clock clock, Sleeper sleeper,
            MeterRegistry meterRegistry, Step step) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.meterRegistry = meterRegistry;
        this.step = step;
        this.participants = new Participants(databases);
        this.finisher = new BranchFinisher(participants, settings.coordinatorId(), sleeper);
        this.recovery = new Recovery(participants, settings.coordinatorId(), running::contains, finisher, clock,
                settings.alertAfter(), (gid, db) -> Optional.ofNullable(lingering.get(gid + " " + db)));
    }

    public DistributedResult run(List<String> dbs, TxOptions options, DistributedWork work) {
        participants.requireParticipants(dbs);
        CoordinatorLog coordinatorLog = started(true);
        for (int attempt = 0; ; attempt++) {
            String gid = Gid.next(settings.coordinatorId(), clock.instant());
            running.add(gid);
            try {
                DistributedResult result = new DistributedRun(gid, dbs, participants, coordinatorLog, finisher, clock,
                        step, (db, session) -> lingering.put(gid + " " + db, session)).run(options, work);
                counter("committed").increment();
                return result;
            } catch (RuntimeException e) {
                counter("rolled_back").increment();
                if (attempt >= options.retries() || !retryable(e)) {
                    throw e;
                }
            } finally {
                running.remove(gid);
            }
        }
    }

    /** Every prepared branch of this coordinator and what the log says; reads the log without locking it. */
    public InDoubtReport inDoubt() {
        CoordinatorLog current = currentLog();
        if (current != null) {
            return recovery.report(current.directory().toString(), current.decisions(), current.damaged());
        }
        CoordinatorLog.LogContents contents = CoordinatorLog.readOnly(settings.logDirectory(), settings.coordinatorId());
        return recovery.report(settings.logDirectory().toString(), contents.decisions(), contents.damaged());
    }

    /** One recovery run now (also what the background loop runs). */
    public RecoveryResult recover(boolean dryRun) {
        return recovery.recover(started(false), dryRun, Optional.empty());
    }

    /**
     * An operator's decision for {@code gid}, recorded in the log before it is carried out; then
     * recovery of that gid. For a heuristic case (a damaged log) or a branch that must not wait.
     */
    public RecoveryResult resolve(String gid, boolean commit) {
        if (!Gid.belongsTo(gid, settings.coordinatorId())) {
            throw new CairnException(ErrorCode.USAGE, "'" + gid + "' is not a global transaction id of coordinator '"
                    + settings.coordinatorId() + "' (expected " + Gid.prefix(settings.coordinatorId())
                    + "<time>-<random>; see cairn tx in-doubt)");
        }
        if (running.contains(gid)) {
            throw new CairnException(ErrorCode.PRECONDITION, gid + " is still running in this process; it resolves itself");
        }
        CoordinatorLog coordinatorLog = started(false);
        Recovery.Scan scan = recovery.scan();
        List<String> dbs = coordinatorLog.decision(gid).map(Decision::participants).orElseGet(() -> scan.branches()
                .stream().filter(b -> b.gid().equals(gid)).map(PreparedBranch::db).distinct().toList());
        if (dbs.isEmpty()) {
            throw new CairnException(ErrorCode.NOT_FOUND, gid + ": no database holds a prepared branch of it and the "
                    + "log has no entry for it (nothing to resolve; see cairn tx in-doubt)");
        }
        coordinatorLog.decide(new Decision(gid, commit, clock.instant(), dbs, true));
        return recovery.recover(coordinatorLog, false, Optional.of(gid));
    }

    /** Starts the coordinator (log + background recovery) if it is not started yet; for the agent. */
    public void startRecovery() {
        started(true);
    }

    /** The in-doubt report of the last background recovery run, if one ran. */
    public Optional<InDoubtReport> lastReport() {
        RecoveryLoop current;
        synchronized (this) {
            current = loop;
        }
        return current == null ? Optional.empty() : current.last();
    }

    private synchronized CoordinatorLog currentLog() {
        return log;
    }

    /**
     * Opens the log on first use; with {@code background}, also starts the recovery loop (a
     * distributed transaction or the agent does; a one-off {@code cairn tx recover} does not).
     */
    private synchronized CoordinatorLog started(boolean background) {
        if (closed) {
            throw new CairnException(ErrorCode.PRECONDITION, "transactions are closed (the Cairn was closed)");
        }
        if (log == null) {
            log = CoordinatorLog.open(settings.logDirectory(), settings.coordinatorId());
        }
        if (background && loop == null) {
            CoordinatorLog opened = log;
            loop = new RecoveryLoop(settings.coordinatorId(), () -> recovery.recover(opened, false, Optional.empty()),
                    () -> recovery.report(opened.directory().toString(), opened.decisions(), opened.damaged()),
                    sleeper, settings.recoveryInterval(), meterRegistry);
            loop.start();
        }
        return log;
    }

    private Counter counter(String outcome) {
        return Counter.builder("cairn.tx.distributed").tag("outcome", outcome)
                .description("distributed transactions by outcome").register(meterRegistry);
    }

    /** A serialization failure or deadlock before the commit decision: running the work again may succeed. */
    static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || sql.getErrorCode() == 1213) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        RecoveryLoop stopping;
        CoordinatorLog closing;
        synchronized (this) {
            closed = true;
            stopping = loop;
            closing = log;
            loop = null;
            log = null;
        }
        if (stopping != null) {
            stopping.close();
        }
        if (closing != null) {
            closing.close();
        }
    }
}
