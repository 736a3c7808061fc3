package io.cairn.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value opened on first use and then shared: the facade opens connections and the repository
 * only when an operation needs them ({@code cairn pg backup --db main} never opens the Redis
 * client of the same configuration, and a command that needs no repository never asks for its
 * passphrase). A failed open is not remembered: the next call tries again.
 */
public final class Lazy<T> {
    private final Supplier<T> opener;
    private T value;

    public Lazy(Supplier<T> opener) {
        this.opener = opener;
    }

    public synchronized T get() {
        if (value == null) {
            value = opener.get();
        }
        return value;
    }

    /** Sets the value when it was not opened yet (a repository just created); false when it already was. */
    public synchronized boolean offer(T created) {
        if (value != null) {
            return false;
        }
        value = created;
        return true;
    }

    /** The value if it was opened, for closing. */
    public synchronized Optional<T> ifOpened() {
        return Optional.ofNullable(value);
    }
}
