package io.cairn.core.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A database location: {@code scheme://[user@]host[:port][/database][?key=value&...]}. It never
 * holds a password: URLs with one are refused at parse time, so a URL can always be printed.
 *
 * @param database the database name; for Redis the numeric database index
 */
public record DatabaseUrl(String scheme, Optional<String> user, String host, int port,
                          Optional<String> database, Map<String, String> parameters) {

    public DatabaseUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (host.isBlank()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
        for (String key : parameters.keySet()) {
            if (isPasswordParameter(key)) {
                throw new PasswordInUrlException();
            }
        }
    }

    /**
     * Parses a URL, using {@code defaultPort} when none is given.
     *
     * @throws IllegalArgumentException with a message fit for a user (it never repeats a password)
     */
    public static DatabaseUrl parse(String text, int defaultPort) {
        String trimmed = text.trim();
        int schemeEnd = trimmed.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("not a URL (expected scheme://host:port/database)");
        }
        String scheme = trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = trimmed.substring(schemeEnd + 3);
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = rest.indexOf('?');
        if (query >= 0) {
            parseParameters(rest.substring(query + 1), parameters);
            rest = rest.substring(0, query);
        }
        Optional<String> database = Optional.empty();
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String name = decode(rest.substring(slash + 1));
            database = name.isEmpty() ? Optional.empty() : Optional.of(name);
            rest = rest.substring(0, slash);
        }
        Optional<String> user = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            if (userInfo.contains(":")) {
                throw new PasswordInUrlException();
            }
            user = userInfo.isEmpty() ? Optional.empty() : Optional.of(decode(userInfo));
            rest = rest.substring(at + 1);
        }
        String host = rest;
        int port = defaultPort;
        int colon = rest.lastIndexOf(':');
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in an IPv6 host");
            }
            host = rest.substring(1, close);
            colon = rest.indexOf(':', close);
        } else if (colon >= 0) {
            host = rest.substring(0, colon);
        }
        if (colon >= 0) {
            port = parsePort(rest.substring(colon + 1));
        }
        if (host.contains(",")) {
            throw new IllegalArgumentException("several hosts are not supported; name one host");
        }
        return new DatabaseUrl(scheme, user, host, port, database, parameters);
    }

    /** True when the text looks like it carries a password (user:password@ or ?password=). */
    public static boolean containsPassword(String text) {
        try {
            parse(text, 1);
            return false;
        } catch (PasswordInUrlException e) {
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** host:port, with brackets around IPv6 addresses. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @JsonValue
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        user.ifPresent(u -> out.append(u).append('@'));
        out.append(address());
        database.ifPresent(d -> out.append('/').append(d));
        if (!parameters.isEmpty()) {
            out.append('?');
            parameters.forEach((k, v) -> out.append(k).append('=').append(v).append('&'));
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("port \"" + text + "\" is not a number between 1 and 65535");
    }

    private static void parseParameters(String query, Map<String, String> into) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (isPasswordParameter(key)) {
                throw new PasswordInUrlException();
            }
            into.put(key, equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
    }

    private static boolean isPasswordParameter(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("passwd") || lower.equals("pwd") || lower.equals("pass");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL carries a password; the message deliberately does not repeat it. */
    static final class PasswordInUrlException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        PasswordInUrlException() {
            super("the URL contains a password");
        }
    }
}
