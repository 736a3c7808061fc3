package io.cairn.core.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A database location: {@code scheme://[user@]host[:port][/database][?key=value&...]}. It never
 * holds a password: URLs with one are refused at parse time, so a URL can always be printed.
 * Only cluster schemes ({@code redis-cluster://h1:p1,h2:p2}) name several hosts: the first is
 * {@link #host()}/{@link #port()}, the others are {@link #moreHosts()}.
 *
 * @param database  the database name; for Redis the numeric database index
 * @param moreHosts the seed hosts after the first, for cluster URLs; empty otherwise
 */
public record DatabaseUrl(String scheme, Optional<String> user, String host, int port,
                          Optional<String> database, Map<String, String> parameters, List<HostPort> moreHosts) {

    /** One host of a URL with several (a cluster seed). */
    public record HostPort(String host, int port) {
        public HostPort {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("the URL has an empty host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
        }

        /** host:port, with brackets around IPv6 addresses. */
        public String address() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A URL with one host. */
    public DatabaseUrl(String scheme, Optional<String> user, String host, int port, Optional<String> database,
                       Map<String, String> parameters) {
        this(scheme, user, host, port, database, parameters, List.of());
    }

    public DatabaseUrl {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        moreHosts = List.copyOf(moreHosts);
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
        List<HostPort> hosts = new ArrayList<>();
        if (rest.contains(",")) {
            if (!isClusterScheme(scheme)) {
                throw new IllegalArgumentException("several hosts are not supported; name one host");
            }
            for (String each : rest.split(",", -1)) {
                hosts.add(hostPort(each.trim(), defaultPort));
            }
        } else {
            hosts.add(hostPort(rest, defaultPort));
        }
        return new DatabaseUrl(scheme, user, hosts.get(0).host(), hosts.get(0).port(), database, parameters,
                hosts.subList(1, hosts.size()));
    }

    /** True for schemes that name a cluster by seed hosts, e.g. {@code redis-cluster}. */
    public static boolean isClusterScheme(String scheme) {
        return scheme.endsWith("-cluster");
    }

    /** Every host: {@link #host()}:{@link #port()} first, then {@link #moreHosts()}. */
    public List<HostPort> hosts() {
        List<HostPort> all = new ArrayList<>();
        all.add(new HostPort(host, port));
        all.addAll(moreHosts);
        return List.copyOf(all);
    }

    private static HostPort hostPort(String rest, int defaultPort) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("the URL has an empty host");
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
        return new HostPort(host, port);
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

    /** host:port, with brackets around IPv6 addresses; for several hosts, each of them, comma-separated. */
    public String address() {
        StringBuilder out = new StringBuilder(new HostPort(host, port).address());
        moreHosts.forEach(more -> out.append(',').append(more.address()));
        return out.toString();
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
