package io.cairn.backup.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a {@link WalStreamer}'s progress.
 *
 * @param received        WAL received from the server (in memory or stored)
 * @param durable         WAL stored in the repository; confirmed to the server as flushed (the slot keeps
 *                        everything after it)
 * @param server          the server's current WAL position when the status was taken (needs a query)
 * @param lagBytes        {@code server - durable}: how much committed WAL a disaster would lose now
 * @param lagTime         the server's view of the delay until Cairn confirmed WAL ({@code flush_lag} of
 *                        pg_stat_replication), 0 when caught up and idle
 * @param segmentsStored  complete segments stored since start
 * @param partialsStored  pieces of unfinished segments stored since start
 * @param gaps            times the slot had already dropped WAL the archive lacked (WAL lost between runs)
 * @param lastError       the last failure (the streamer reconnects after transient ones)
 */
public record WalStreamStatus(String db, String slot, boolean running, boolean connected, boolean synchronous,
        int timeline, Optional<Lsn> received, Optional<Lsn> durable, Optional<Lsn> server, Optional<Long> lagBytes,
        Optional<Duration> lagTime, long segmentsStored, long partialsStored, Optional<String> lastSegment,
        Optional<Instant> lastStoredAt, long reconnects, long gaps, Optional<String> lastError) {
}
