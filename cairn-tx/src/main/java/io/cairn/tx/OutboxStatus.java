package io.cairn.tx;

import java.time.Duration;
import java.util.Optional;

/**
 * The state of one database's outbox.
 *
 * @param db               the database
 * @param pending          messages not yet delivered and not parked
 * @param parked           messages parked after their last attempt failed (they hold back later
 *                         messages of their key until retried or discarded)
 * @param oldestPendingAge how long the oldest pending message has waited (empty when none waits)
 */
public record OutboxStatus(String db, long pending, long parked, Optional<Duration> oldestPendingAge) {
}
