package io.cairn.embedded.internal;

/** A server process did not become ready: it exited, or the deadline passed. Carries its new log text. */
public final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String log;
    private final boolean exited;

    StartFailure(String message, String log, boolean exited) {
        super(message);
        this.log = log;
        this.exited = exited;
    }

    /** What the server logged during this start attempt. */
    public String log() {
        return log;
    }

    /** True when the process exited, false when it was still running at the deadline (and was killed). */
    public boolean exited() {
        return exited;
    }

    /** True when the log says the port was taken: the caller may retry on another port. */
    public boolean portInUse() {
        String lower = log.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("address already in use") || lower.contains("could not bind")
                || lower.contains("do you already have another server running on port");
    }
}
