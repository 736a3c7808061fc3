package io.cairn.events;

/**
 * One projection in this JVM. {@link #start()} runs it on a daemon thread: it becomes the owner when
 * no other JVM is (one owner per projection, by a PostgreSQL advisory lock held on its own session,
 * released by the server when the owner dies), catches up from its checkpoint, then follows new
 * events, woken by NOTIFY and polling every {@code poll-interval} as a fallback.
 */
public interface ProjectionRunner extends AutoCloseable {
    String name();

    /** Registers the projection (first generation, empty checkpoint) if new, and starts its thread. Idempotent. */
    ProjectionRunner start();

    /** Stops the thread and gives up ownership (another JVM takes over). */
    void stop();

    /** Runs one round in the calling thread, if this JVM can own the projection: events applied (tests, tools). */
    int runOnce();

    @Override
    default void close() {
        stop();
    }
}
