package io.cairn.repository.internal.lock;

import java.time.Instant;

/** The sealed JSON in {@code locks/<random id>}; {@code heartbeat} is rewritten while held. */
public record LockFile(String host, String user, long pid, Instant processStart, boolean exclusive,
        String operation, Instant created, Instant heartbeat) {

    LockFile withHeartbeat(Instant value) {
        return new LockFile(host, user, pid, processStart, exclusive, operation, created, value);
    }
}
