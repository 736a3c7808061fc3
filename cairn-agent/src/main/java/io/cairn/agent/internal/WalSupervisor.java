package io.cairn.agent.internal;

import io.cairn.agent.Alert;
import io.cairn.backup.postgres.WalConfig;
import io.cairn.agent.WalStreamReport;
import io.cairn.backup.postgres.PostgresBackups;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the WAL streamers of {@code wal.stream} (one {@link SupervisedStream} each): checks on
 * every tick that each runs (restarting it once its backoff has passed), samples their progress
 * every second (one query per stream), and raises {@code wal-stream:<db>} while a stream is not
 * running and {@code wal-lag:<db>} while its lag exceeds {@code alerts.wal-lag-over}. Called from
 * the agent's loop, on the agent's clock, so tests drive it without sleeping.
 */
public final class WalSupervisor {
    private static final Logger log = LoggerFactory.getLogger(WalSupervisor.class);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

    private final List<SupervisedStream> streams = new ArrayList<>();
    private final AlertCenter alerts;
    private final Duration lagLimit;
    private Instant nextSample;

    public WalSupervisor(WalConfig config, PostgresBackups backups, AlertCenter alerts, Duration lagLimit,
            AgentMetrics metrics, Instant now) {
        this.alerts = alerts;
        this.lagLimit = lagLimit;
        this.nextSample = now;
        config.streams().forEach((db, options) -> {
            SupervisedStream stream = new SupervisedStream(db, options, () -> backups.walStreamer(db, options), now);
            streams.add(stream);
            metrics.registerWalStream(db, stream::report);
        });
    }

    /** Restarts streams whose backoff has passed; samples every stream and evaluates alerts when a sample is due. */
    public synchronized void tick(Instant now) {
        boolean sampleDue = !now.isBefore(nextSample);
        if (sampleDue) {
            nextSample = now.plus(SAMPLE_EVERY);
        }
        for (SupervisedStream stream : streams) {
            try {
                stream.ensureRunning(now);
                if (sampleDue) {
                    evaluate(stream.sample(now));
                }
            } catch (RuntimeException e) {
                log.warn("database '{}': WAL supervision failed: {}", stream.db(), e.getMessage());
            }
        }
    }

    private void evaluate(WalStreamReport report) {
        String streamKey = "wal-stream:" + report.db();
        if (report.running()) {
            alerts.resolve(streamKey);
        } else {
            alerts.raise(streamKey, Alert.Severity.critical, "WAL streaming of '" + report.db() + "' is not running: "
                    + report.lastError().orElse("not started yet") + report.nextAttempt()
                            .map(next -> " (next attempt at " + next + ")").orElse(""));
        }
        String lagKey = "wal-lag:" + report.db();
        if (report.lagSeconds() > lagLimit.toMillis() / 1000.0) {
            alerts.raise(lagKey, Alert.Severity.critical, String.format(Locale.ROOT,
                    "WAL of '%s' is %.0f s behind the server (limit %d s): a disaster now would lose that much",
                    report.db(), report.lagSeconds(), lagLimit.toSeconds()));
        } else {
            alerts.resolve(lagKey);
        }
    }

    /** The newest report of every stream. */
    public List<WalStreamReport> reports() {
        return streams.stream().map(SupervisedStream::report).toList();
    }

    /** Stores what each streamer received and stops them (graceful shutdown: WAL is flushed to the repository). */
    public synchronized void close() {
        for (SupervisedStream stream : streams) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                log.warn("database '{}': stopping WAL streaming: {}", stream.db(), e.getMessage());
            }
        }
    }
}
