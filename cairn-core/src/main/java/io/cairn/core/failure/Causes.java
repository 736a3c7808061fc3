package io.cairn.core.failure;

/** Walks a cause chain; the classifiers look for a driver's exception wherever it is wrapped. */
final class Causes {
    private Causes() {
    }

    /** The first throwable of {@code type} in the chain from {@code failure}; null if there is none. */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
