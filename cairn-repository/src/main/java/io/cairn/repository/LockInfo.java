package io.cairn.repository;

import java.time.Instant;

/**
 * A lock in {@code locks/}.
 *
 * @param exclusive  held by prune (or forget); excludes everything else
 * @param operation  what the holder is doing (backup, restore, check, prune, …)
 * @param heartbeat  last time the holder refreshed the lock
 * @param stale      the holder is gone: dead process on this host, or heartbeat too old
 */
public record LockInfo(String id, String host, String user, long pid, boolean exclusive, String operation,
        Instant created, Instant heartbeat, boolean stale) {
}
