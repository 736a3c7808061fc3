package io.cairn.core.config;

import io.cairn.core.CairnException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry under {@code databases:}. The defaults below are the only place defaults live;
 * docs/configuration.md lists them and a test keeps the two in step.
 *
 * @param id             the key under {@code databases:}; names the pool, metrics and messages
 * @param connectTimeout bound on opening one connection (TCP connect and login); also bounds a health check
 * @param queryTimeout   bound on one statement or command; 0 means none
 * @param cluster        Redis Cluster settings; used only with a redis-cluster:// URL (defaults otherwise)
 */
public record DatabaseConfig(String id, DatabaseType type, DatabaseUrl url, Optional<Secret> password,
                             PoolConfig pool, Duration connectTimeout, Duration queryTimeout,
                             RetryConfig retry, HealthConfig health, RedisClusterConfig cluster) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);

    static final String CLUSTER_EXAMPLE = "redis-cluster://10.0.0.1:6379,10.0.0.2:6379,10.0.0.3:6379";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    static final Set<String> KEYS = Keys.of("type", "url", "password", "pool", "connect-timeout", "query-timeout",
            "retry", "health", "cluster");

    public DatabaseConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(connectTimeout, "connect-timeout");
        Objects.requireNonNull(queryTimeout, "query-timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(cluster, "cluster");
        PoolConfig.require(ID.matcher(id).matches(), "database id '" + id
                + "' must be letters, digits, '-' or '_' (at most 63, starting with a letter or digit)");
        PoolConfig.require(type.schemes().contains(url.scheme()), "database '" + id + "': URL scheme \""
                + url.scheme() + "\" does not match type " + type + " (use " + type.exampleUrl() + ")");
        PoolConfig.require(connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) >= 0,
                "database '" + id + "': connect-timeout must be at least 250ms");
        PoolConfig.require(!queryTimeout.isNegative(), "database '" + id + "': query-timeout must not be negative");
        PoolConfig.require(url.moreHosts().isEmpty() || DatabaseUrl.isClusterScheme(url.scheme()),
                "database '" + id + "': several hosts are only supported in a cluster URL (redis-cluster://h1:p1,h2:p2)");
    }

    /** Every setting but the cluster one (which then has its defaults). */
    public DatabaseConfig(String id, DatabaseType type, DatabaseUrl url, Optional<Secret> password, PoolConfig pool,
                          Duration connectTimeout, Duration queryTimeout, RetryConfig retry, HealthConfig health) {
        this(id, type, url, password, pool, connectTimeout, queryTimeout, retry, health, RedisClusterConfig.defaults());
    }

    /** True for a Redis Cluster (a redis-cluster:// or rediss-cluster:// URL). */
    public boolean isRedisCluster() {
        return type == DatabaseType.REDIS && DatabaseUrl.isClusterScheme(url.scheme());
    }
    /** A database with every setting at its default. */
    public static DatabaseConfig of(String id, DatabaseType type, DatabaseUrl url, Optional<Secret> password) {
        return new DatabaseConfig(id, type, url, password, PoolConfig.defaults(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_QUERY_TIMEOUT, RetryConfig.defaults(), HealthConfig.defaults(), RedisClusterConfig.defaults());
    }

    public DatabaseConfig withPool(PoolConfig newPool) {
        return new DatabaseConfig(id, type, url, password, newPool, connectTimeout, queryTimeout, retry, health, cluster);
    }

    public DatabaseConfig withTimeouts(Duration newConnectTimeout, Duration newQueryTimeout) {
        return new DatabaseConfig(id, type, url, password, pool, newConnectTimeout, newQueryTimeout, retry, health, cluster);
    }

    /** The same database settings and credentials for another URL (e.g. a restored copy on another port). */
    public DatabaseConfig withUrl(DatabaseUrl newUrl) {
        return new DatabaseConfig(id, type, newUrl, password, pool, connectTimeout, queryTimeout, retry, health, cluster);
    }

    public DatabaseConfig withRetry(RetryConfig newRetry) {
        return new DatabaseConfig(id, type, url, password, pool, connectTimeout, queryTimeout, newRetry, health, cluster);
    }

    public DatabaseConfig withCluster(RedisClusterConfig newCluster) {
        return new DatabaseConfig(id, type, url, password, pool, connectTimeout, queryTimeout, retry, health, newCluster);
    }

    public DatabaseConfig withHealth(HealthConfig newHealth) {
        return new DatabaseConfig(id, type, url, password, pool, connectTimeout, queryTimeout, retry, newHealth, cluster);
    }

    /** The user to log in as: the URL's user, if any. */
    public Optional<String> user() {
        return url.user();
    }

    static DatabaseConfig from(String id, ConfigSection section) {
        if (!ID.matcher(id).matches()) {
            throw section.error("database id \"" + id + "\" is not allowed",
                    "use letters, digits, '-' or '_', e.g. main or orders-db");
        }
        section.requireOnlyKeys(KEYS);
        DatabaseType type = section.optionalChoice("type", DatabaseType.byConfigName()).orElseThrow(() ->
                section.error("type", "missing", "set type: to one of " + String.join(", ",
                        DatabaseType.byConfigName().keySet())));
        DatabaseUrl url = parseUrl(type, section);
        Duration connectTimeout = section.duration("connect-timeout", DEFAULT_CONNECT_TIMEOUT);
        if (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0) {
            throw section.error("connect-timeout", "must be at least 250ms, got " + Values.format(connectTimeout),
                    "example: " + id + ": { connect-timeout: 5s }");
        }
        try {
            return new DatabaseConfig(id, type, url, section.secret("password"),
                    PoolConfig.from(section.sectionOrEmpty("pool")), connectTimeout,
                    section.duration("query-timeout", DEFAULT_QUERY_TIMEOUT),
                    RetryConfig.from(section.sectionOrEmpty("retry")),
                    HealthConfig.from(section.sectionOrEmpty("health")), clusterSettings(type, url, section));
        } catch (CairnException e) {
            if (e.getMessage().startsWith(section.source() + ":")) {
                throw e;
            }
            throw section.error(e.getMessage(), "see docs/configuration.md");
        }
    }

    private static RedisClusterConfig clusterSettings(DatabaseType type, DatabaseUrl url, ConfigSection section) {
        boolean cluster = type == DatabaseType.REDIS && DatabaseUrl.isClusterScheme(url.scheme());
        if (section.has("cluster") && !cluster) {
            throw section.error("cluster", "cluster settings apply only to a Redis Cluster",
                    "use url: \"redis-cluster://host1:port1,host2:port2\" or remove cluster:");
        }
        return RedisClusterConfig.from(section.sectionOrEmpty("cluster"));
    }

    private static DatabaseUrl parseUrl(DatabaseType type, ConfigSection section) {
        String text = section.optionalString("url").orElseThrow(() ->
                section.error("url", "missing", "add it, e.g. url: \"" + type.exampleUrl() + "\""));
        if (DatabaseUrl.containsPassword(text)) {
            String variable = section.path().substring(section.path().lastIndexOf('.') + 1)
                    .toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PASSWORD";
            throw section.error("url", "the URL contains a password",
                    "remove it from the URL and set password: \"${" + variable + "}\" instead");
        }
        DatabaseUrl url;
        try {
            url = DatabaseUrl.parse(text, type.defaultPort());
        } catch (IllegalArgumentException e) {
            throw section.error("url", e.getMessage() + " in \"" + redactUserInfo(text) + "\"", "example: url: \"" + type.exampleUrl() + "\"");
        }
        if (!type.schemes().contains(url.scheme())) {
            throw section.error("url", "scheme \"" + url.scheme() + "\" does not match type " + type,
                    "use " + type.schemes().get(0) + "://..., e.g. \"" + type.exampleUrl() + "\"");
        }
        if (type == DatabaseType.REDIS && DatabaseUrl.isClusterScheme(url.scheme()) && url.database().isPresent()
                && !url.database().get().equals("0")) {
            throw section.error("url", "a Redis Cluster has only database 0, not " + url.database().get(),
                    "drop the /" + url.database().get() + " from the URL, e.g. \"" + CLUSTER_EXAMPLE + "\"");
        }
        if (type == DatabaseType.REDIS && url.database().isPresent() && !url.database().get().matches("\\d{1,5}")) {
            throw section.error("url", "Redis database \"" + url.database().get() + "\" is not a number",
                    "example: url: \"redis://127.0.0.1:6379/0\"");
        }
        return url;
    }

    /** Hides anything between ':' and '@' so an unparseable URL can be echoed safely. */
    private static String redactUserInfo(String text) {
        return text.replaceAll("([^/:@]*):[^@/]*@", "$1:" + Secret.MASK + "@");
    }

    /** Every documented key with its default as written in docs/configuration.md. */
    static Map<String, String> documentedDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("type", "(required)");
        defaults.put("url", "(required)");
        defaults.put("password", "(none)");
        defaults.put("connect-timeout", Values.format(DEFAULT_CONNECT_TIMEOUT));
        defaults.put("query-timeout", Values.format(DEFAULT_QUERY_TIMEOUT));
        defaults.put("pool.max", String.valueOf(PoolConfig.DEFAULT_MAX));
        defaults.put("pool.min-idle", String.valueOf(PoolConfig.DEFAULT_MIN_IDLE));
        defaults.put("pool.connection-timeout", Values.format(PoolConfig.DEFAULT_CONNECTION_TIMEOUT));
        defaults.put("pool.idle-timeout", Values.format(PoolConfig.DEFAULT_IDLE_TIMEOUT));
        defaults.put("pool.max-lifetime", Values.format(PoolConfig.DEFAULT_MAX_LIFETIME));
        defaults.put("retry.attempts", String.valueOf(RetryConfig.DEFAULT_ATTEMPTS));
        defaults.put("retry.initial-backoff", Values.format(RetryConfig.DEFAULT_INITIAL_BACKOFF));
        defaults.put("retry.max-backoff", Values.format(RetryConfig.DEFAULT_MAX_BACKOFF));
        defaults.put("retry.multiplier", String.valueOf(RetryConfig.DEFAULT_MULTIPLIER));
        defaults.put("retry.jitter", String.valueOf(RetryConfig.DEFAULT_JITTER));
        defaults.put("health.degraded-latency", Values.format(HealthConfig.DEFAULT_DEGRADED_LATENCY));
        defaults.put("cluster.topology-refresh", Values.format(RedisClusterConfig.DEFAULT_TOPOLOGY_REFRESH));
        defaults.put("cluster.adaptive-refresh", String.valueOf(RedisClusterConfig.DEFAULT_ADAPTIVE_REFRESH));
        defaults.put("cluster.read-from", RedisClusterConfig.DEFAULT_READ_FROM.configName());
        return defaults;
    }

    /** The keys accepted inside one database entry, nested ones dotted (pool.max). */
    static Set<String> allKeys() {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (String key : KEYS) {
            Set<String> nested = key.equals("pool") ? PoolConfig.KEYS
                    : key.equals("retry") ? RetryConfig.KEYS
                    : key.equals("health") ? HealthConfig.KEYS
                    : key.equals("cluster") ? RedisClusterConfig.KEYS : Set.of();
            if (nested.isEmpty()) {
                keys.add(key);
            } else {
                nested.forEach(n -> keys.add(key + "." + n));
            }
        }
        return keys;
    }
}
