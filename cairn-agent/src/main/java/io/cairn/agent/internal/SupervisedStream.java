package io.cairn.agent.internal;

import io.cairn.agent.WalStreamReport;
import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.WalStreamOptions;
import io.cairn.backup.postgres.WalStreamStatus;
import io.cairn.backup.postgres.WalStreamer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one database's WAL streamer running. The streamer itself rides out transient failures
 * (a server restart, a network cut) by reconnecting; it stops only on errors a retry cannot fix
 * (a dropped slot, lost permissions, another cluster's archive) or when it cannot start at all.
 * Then the agent starts a new one after a backoff of 1 s doubling up to 5 min on the agent's
 * clock, so that a fixed cause (a re-granted permission, a server back up) resumes streaming
 * without a restart of the agent, while a lasting one does not hammer the server. The streamer
 * resumes from the end of the archive, so a restart leaves no gap as long as the slot kept the WAL.
 */
final class SupervisedStream {
    private static final Logger log = LoggerFactory.getLogger(SupervisedStream.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** A streamer that ran this long without stopping resets the backoff. */
    private static final Duration STABLE_AFTER = Duration.ofMinutes(1);

    private final String db;
    private final WalStreamOptions options;
    private final Supplier<WalStreamer> factory;
    private final WalLagEstimator lag;
    private WalStreamer streamer;
    private Instant runningSince;
    private Instant nextAttempt;
    private Duration backoff = FIRST_BACKOFF;
    private long starts;
    private Optional<String> lastError = Optional.empty();
    private Optional<WalStreamStatus> lastStatus = Optional.empty();
    /** The newest durable position any streamer reported: the archive never shrinks, a new streamer starts unknowing. */
    private Optional<Lsn> durable = Optional.empty();
    private volatile WalStreamReport report;

    SupervisedStream(String db, WalStreamOptions options, Supplier<WalStreamer> factory, Instant now) {
        this.db = db;
        this.options = options;
        this.factory = factory;
        this.lag = new WalLagEstimator(now);
        this.nextAttempt = now;
        this.report = report(Duration.ZERO);
    }

    /** Starts the streamer when it is not running and its backoff has passed (cheap while it runs). */
    synchronized void ensureRunning(Instant now) {
        if (streamer != null && !streamer.isRunning()) {
            stopped(now);
        }
        if (streamer == null && !now.isBefore(nextAttempt)) {
            start(now);
        }
        if (streamer != null && Duration.between(runningSince, now).compareTo(STABLE_AFTER) >= 0) {
            backoff = FIRST_BACKOFF;
        }
    }

    /** Asks the streamer (and through it the server) where WAL stands, and updates the report. */
    synchronized WalStreamReport sample(Instant now) {
        Optional<Lsn> server = Optional.empty();
        if (streamer != null) {
            WalStreamStatus status = streamer.status();
            lastStatus = Optional.of(status);
            server = status.server();
            status.lastError().ifPresent(error -> lastError = Optional.of(error));
        }
        lastStatus.flatMap(WalStreamStatus::durable).ifPresent(position -> durable = Optional.of(
                durable.map(known -> Lsn.max(known, position)).orElse(position)));
        report = report(lag.observe(now, server, durable));
        return report;
    }

    private void start(Instant now) {
        WalStreamer candidate = factory.get();
        try {
            candidate.start();
        } catch (RuntimeException e) {
            candidate.close();
            lastError = Optional.of(String.valueOf(e.getMessage()));
            retryLater(now);
            log.warn("database '{}': WAL streaming could not start: {}; next attempt in {} s", db, e.getMessage(),
                    Duration.between(now, nextAttempt).toSeconds());
            return;
        }
        streamer = candidate;
        runningSince = now;
        starts++;
        log.info("database '{}': WAL streaming {} (slot {})", db, starts == 1 ? "started" : "restarted", options.slot());
    }

    private void stopped(Instant now) {
        lastStatus = Optional.of(streamer.status());
        lastError = lastStatus.get().lastError().or(() -> lastError);
        streamer.close();
        streamer = null;
        retryLater(now);
        log.warn("database '{}': WAL streaming stopped ({}); restarting in {} s", db, lastError.orElse("no error"),
                Duration.between(now, nextAttempt).toSeconds());
    }

    private void retryLater(Instant now) {
        nextAttempt = now.plus(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private WalStreamReport report(Duration lagNow) {
        boolean running = streamer != null && streamer.isRunning();
        Optional<WalStreamStatus> status = lastStatus;
        return new WalStreamReport(db, options.slot(), options.synchronous(), running,
                running && status.map(WalStreamStatus::connected).orElse(false),
                status.flatMap(WalStreamStatus::received).map(Lsn::toString),
                durable.map(Lsn::toString),
                status.flatMap(WalStreamStatus::server).map(Lsn::toString),
                status.flatMap(WalStreamStatus::lagBytes), lagNow.toMillis() / 1000.0,
                status.map(WalStreamStatus::segmentsStored).orElse(0L),
                status.flatMap(WalStreamStatus::lastStoredAt), Math.max(0, starts - 1), lastError,
                running ? Optional.empty() : Optional.of(nextAttempt));
    }

    WalStreamReport report() {
        return report;
    }

    String db() {
        return db;
    }

    /** Stores what was received and stops (graceful shutdown). */
    synchronized void close() {
        if (streamer != null) {
            streamer.close();
            streamer = null;
        }
    }
}
