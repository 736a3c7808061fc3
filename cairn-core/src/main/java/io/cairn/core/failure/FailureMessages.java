package io.cairn.core.failure;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.Secret;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The user-facing wording of database failures, shared by every classifier and module so that
 * each message names the database id, says what happened and how to fix it, and never contains
 * the password. One wording, so the CLI, the agent and every capability read alike.
 */
public final class FailureMessages {
    /** What messages call the configuration when the caller does not know its file name. */
    public static final String UNKNOWN_SOURCE = "the configuration";

    private final DatabaseConfig config;
    private final String source;
    private final String doing;

    /**
     * @param source the configuration file name, for messages that tell the user what to fix
     */
    public FailureMessages(DatabaseConfig config, String source) {
        this(config, source, "");
    }

    /** Wording for a caller that does not know the configuration file's name. */
    public static FailureMessages of(DatabaseConfig config) {
        return new FailureMessages(config, UNKNOWN_SOURCE);
    }

    private FailureMessages(DatabaseConfig config, String source, String doing) {
        this.config = config;
        this.source = source;
        this.doing = doing;
    }

    /**
     * The same wording with what was being done named after the database, e.g.
     * {@code during("dumping orders")} gives "database 'docs': dumping orders failed: ...".
     */
    public FailureMessages during(String activity) {
        return new FailureMessages(config, source, activity);
    }

    public DatabaseConfig config() {
        return config;
    }

    /** "database 'id': ", plus "doing failed: " when {@link #during} named an activity. */
    public String prefix() {
        return "database '" + config.id() + "': " + (doing.isEmpty() ? "" : doing + " failed: ");
    }

    public String authenticationFailed() {
        String user = config.user().map(u -> " for user '" + u + "'").orElse("");
        String fix = config.password().isPresent() ? "check the password: reference in " + source
                : "set password: in " + source + ", e.g. password: \"${" + passwordVariable() + "}\"";
        return prefix() + "password authentication failed" + user + " (" + fix + ")";
    }

    /** The server refused the login for another reason than the password (e.g. pg_hba.conf). */
    public String loginRefused(String serverMessage) {
        return prefix() + "the server refused the login: " + redact(serverMessage)
                + " (check the user in url: and the server's access rules)";
    }

    public String connectionFailed(String reason, int attempts) {
        String tries = attempts > 1 ? "gave up after " + attempts + " attempts, " : "";
        return prefix() + "cannot connect to " + config.url().address() + ": " + reason + " (" + tries
                + "connect timeout " + format(config.connectTimeout()) + "; is the server running and is url: in "
                + source + " right?)";
    }

    public String databaseError(String serverMessage, String detail) {
        return prefix() + redact(firstLine(serverMessage)) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    /** A short reason for a network failure: "connection refused", "no answer within 5s", ... */
    public String networkReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + config.url().host();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (isTimeout(t)) {
                return noAnswer();
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        if (isNoAnswer(failure)) {
            return noAnswer();
        }
        return redact(firstLine(String.valueOf(failure.getMessage())));
    }

    /** "no answer within 5s": the reason of every connect that timed out, however the driver said it. */
    public String noAnswer() {
        return "no answer within " + format(config.connectTimeout());
    }

    /**
     * True when a connect failed because the server did not answer in time (a typed timeout
     * anywhere in the chain, or pgjdbc's loginTimeout, which ends a login with "Connection attempt
     * timed out." and no typed cause).
     */
    public static boolean isNoAnswer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return false;
            }
            if (isTimeout(t)) {
                return true;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("attempt timed out")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout");
    }

    /** Removes the configured password from any text a driver produced. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        if (config.password().isPresent()) {
            String password = config.password().get().reveal();
            // very short passwords would garble ordinary words; drivers do not echo them anyway
            if (password.length() >= 4) {
                result = result.replace(password, Secret.MASK);
            }
        }
        return result;
    }

    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }

    public static String format(Duration duration) {
        if (duration.toNanos() % 1_000_000 != 0) {
            return duration.toNanos() + "ns";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    private String passwordVariable() {
        return config.id().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }
}
