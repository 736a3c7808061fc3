package io.cairn.backup.postgres;

import io.cairn.backup.postgres.internal.ReplicationSession;
import io.cairn.backup.postgres.internal.StreamState;
import io.cairn.backup.postgres.internal.WalArchive;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.QueryResult;
import io.cairn.core.config.DatabaseConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives one database's WAL continuously over a physical replication slot, on its own thread.
 * {@link #start()} connects and checks everything in the caller's thread (so a wrong setting
 * fails there, with its fix), then streams in the background; connection failures (the server
 * restarting, a network cut) are retried with exponential backoff up to
 * {@link WalStreamOptions#maxReconnectDelay()}; errors no retry can fix (permissions, a missing
 * slot, another cluster's archive) stop the streamer and are reported by {@link #status()}.
 * {@link #close()} stores what was received and stops.
 */
public final class WalStreamer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalStreamer.class);
    private static final Set<ErrorCode> PERMANENT = Set.of(ErrorCode.PERMISSION_DENIED, ErrorCode.AUTHENTICATION_FAILED,
            ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION, ErrorCode.CONFIG, ErrorCode.USAGE, ErrorCode.WRONG_KEY,
            ErrorCode.MISSING_DEPENDENCY);
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(200);

    private final DatabaseConfig config;
    private final DataManager dataManager;
    private final WalArchive archive;
    private final WalStreamOptions options;
    private final Clock clock;
    private final StreamState state = new StreamState();
    private volatile boolean stopRequested;
    private volatile boolean running;
    private Thread thread;

    WalStreamer(DatabaseConfig config, DataManager dataManager, WalArchive archive, WalStreamOptions options, Clock clock) {
        this.config = config;
        this.dataManager = dataManager;
        this.archive = archive;
        this.options = options;
        this.clock = clock;
    }

    /** Connects (failing here on a setting that needs fixing) and starts streaming in the background. */
    public synchronized void start() {
        if (thread != null) {
            throw new CairnException(ErrorCode.USAGE, "the WAL streamer of database '" + config.id() + "' was already started");
        }
        ReplicationSession first = ReplicationSession.open(config, archive, options, state, clock);
        running = true;
        thread = new Thread(() -> run(first), "cairn-wal-stream-" + config.id());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(ReplicationSession first) {
        ReplicationSession session = first;
        Duration delay = FIRST_RECONNECT_DELAY;
        try {
            while (!stopRequested) {
                try {
                    if (session == null) {
                        session = ReplicationSession.open(config, archive, options, state, clock);
                        state.reconnected();
                    }
                    ReplicationSession.End end = session.stream(() -> stopRequested);
                    delay = FIRST_RECONNECT_DELAY;
                    if (end == ReplicationSession.End.STOPPED) {
                        return;
                    }
                } catch (CairnException e) {
                    state.failed(e.getMessage());
                    if (PERMANENT.contains(e.code())) {
                        LOG.error("database '{}': WAL streaming stopped: {}", config.id(), e.getMessage());
                        return;
                    }
                    LOG.warn("database '{}': WAL streaming interrupted, retrying in {} ms: {}", config.id(),
                            delay.toMillis(), e.getMessage());
                } catch (java.sql.SQLException | RuntimeException e) {
                    state.failed(String.valueOf(e.getMessage()));
                    LOG.warn("database '{}': WAL streaming interrupted, retrying in {} ms: {}", config.id(),
                            delay.toMillis(), e.toString());
                } finally {
                    if (session != null) {
                        session.close();
                        session = null;
                    }
                }
                if (!stopRequested) {
                    pause(delay);
                    delay = delay.multipliedBy(2).compareTo(options.maxReconnectDelay()) > 0
                            ? options.maxReconnectDelay() : delay.multipliedBy(2);
                }
            }
        } finally {
            running = false;
        }
    }

    private synchronized void pause(Duration delay) {
        try {
            wait(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    /** Waits until WAL up to {@code lsn} is stored; false when {@code timeout} passes first. */
    public boolean awaitDurable(Lsn lsn, Duration timeout) {
        try {
            return state.awaitDurable(lsn, timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, "interrupted while waiting for WAL " + lsn + " of database '"
                    + config.id() + "'", e);
        }
    }

    /** Progress and lag; asks the server for its position and flush lag (empty when it does not answer). */
    public WalStreamStatus status() {
        Optional<Lsn> server = Optional.empty();
        Optional<Duration> lagTime = Optional.empty();
        try {
            QueryResult result = dataManager.query(config.id(), "SELECT pg_current_wal_lsn()::text AS lsn,"
                    + " (SELECT extract(epoch FROM flush_lag)::float8 FROM pg_stat_replication WHERE application_name = ?"
                    + " LIMIT 1) AS lag", options.applicationName());
            Map<String, Object> row = result.rowMaps().get(0);
            server = Optional.ofNullable((String) row.get("lsn")).map(Lsn::parse);
            lagTime = Optional.of(row.get("lag") == null ? Duration.ZERO
                    : Duration.ofNanos((long) (((Number) row.get("lag")).doubleValue() * 1e9)));
        } catch (CairnException e) {
            LOG.debug("database '{}': server position not available: {}", config.id(), e.getMessage());
        }
        Optional<Lsn> durable = state.durable();
        Optional<Long> lagBytes = server.flatMap(s -> durable.map(d -> Math.max(0, s.minus(d))));
        return new WalStreamStatus(config.id(), options.slot(), running, state.connected(), options.synchronous(),
                state.timeline(), state.received(), durable, server, lagBytes, lagTime, state.segmentsStored(),
                state.partialsStored(), state.lastSegment(), state.lastStoredAt(), state.reconnects(), state.gaps(),
                state.lastError());
    }

    public boolean isRunning() {
        return running;
    }

    /** Stores what was received, confirms it, and stops the streaming thread. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stopRequested = true;
            notifyAll();
            running = thread;
        }
        if (running != null) {
            try {
                running.join(Duration.ofMinutes(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
