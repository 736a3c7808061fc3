package io.cairn.agent;

import java.time.Instant;
import java.util.Optional;

/**
 * One supervised WAL stream as the agent last saw it (for /api/wal, the dashboard and the gauges).
 *
 * @param running      a streamer is running (it may be reconnecting after a transient error)
 * @param connected    it is connected to the server right now
 * @param received     WAL received from the server (stored, or in memory until the next store)
 * @param durable      WAL stored in the repository, as text (e.g. {@code 0/3000148})
 * @param server       the server's current WAL position, as text
 * @param lagSeconds   how old the oldest WAL not yet in the repository is (see the estimator): the RPO now
 * @param restarts     streamers the agent started after the first (each after one had stopped)
 * @param nextAttempt  when the agent will start the streamer again, while it is not running
 */
public record WalStreamReport(String db, String slot, boolean synchronous, boolean running, boolean connected,
        Optional<String> received, Optional<String> durable, Optional<String> server, Optional<Long> lagBytes, double lagSeconds, long segmentsStored,
        Optional<Instant> lastStoredAt, long restarts, Optional<String> lastError, Optional<Instant> nextAttempt) {
}
