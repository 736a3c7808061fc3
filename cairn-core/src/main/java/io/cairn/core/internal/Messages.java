package io.cairn.core.internal;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.Secret;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The user-facing wording of database failures, shared by all adapters so that every message
 * names the database id, says what happened and how to fix it, and never contains the password.
 */
public final class Messages {
    private final DatabaseConfig config;
    private final String source;

    public Messages(DatabaseConfig config, String source) {
        this.config = config;
        this.source = source;
    }

    public String prefix() {
        return "database '" + config.id() + "': ";
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

    /** A short reason for a network failure: "connection refused", "timed out after 5s", ... */
    public String networkReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + config.url().host();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return "no answer within " + format(config.connectTimeout());
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return redact(firstLine(String.valueOf(failure.getMessage())));
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
