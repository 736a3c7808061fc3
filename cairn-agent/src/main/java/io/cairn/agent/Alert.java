package io.cairn.agent;

import java.time.Instant;
import java.util.Optional;

/**
 * A condition that needs an operator. An alert is identified by its key (e.g.
 * {@code backup-stale:nightly}); while it is open the same condition does not raise it again.
 */
public record Alert(String key, Severity severity, String message, Instant raisedAt, Optional<Instant> resolvedAt) {
    public enum Severity { warning, critical }

    public boolean isOpen() {
        return resolvedAt.isEmpty();
    }
}
