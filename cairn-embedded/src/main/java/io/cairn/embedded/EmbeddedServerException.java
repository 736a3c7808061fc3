package io.cairn.embedded;

/**
 * A local server could not be prepared, started or stopped. The message is one line that names
 * the server and the fix; {@link #logTail()} holds the last lines of the server's own log, when
 * there is one, so a failed start can be diagnosed without opening files.
 */
public final class EmbeddedServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String logTail;

    public EmbeddedServerException(String message) {
        this(message, "", null);
    }

    public EmbeddedServerException(String message, Throwable cause) {
        this(message, "", cause);
    }

    public EmbeddedServerException(String message, String logTail, Throwable cause) {
        super(message, cause);
        this.logTail = logTail == null ? "" : logTail;
    }

    /** The last lines of the server log at the time of the failure, or "" when there was none. */
    public String logTail() {
        return logTail;
    }

    /** The one-line message followed by the log tail, for test reports and CLI diagnostics. */
    @Override
    public String toString() {
        String base = getClass().getSimpleName() + ": " + getMessage();
        return logTail.isEmpty() ? base : base + System.lineSeparator() + "--- server log tail ---"
                + System.lineSeparator() + logTail;
    }
}
