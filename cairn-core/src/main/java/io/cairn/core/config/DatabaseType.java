package io.cairn.core.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kinds of database Cairn connects to, with their URL schemes and default ports. */
public enum DatabaseType {
    POSTGRESQL("postgresql", 5432, true, "postgresql", "postgres"),
    MARIADB("mariadb", 3306, true, "mariadb"),
    /** MySQL, reached through the MariaDB driver. */
    MYSQL("mysql", 3306, true, "mysql"),
    /** Redis or Valkey; standalone (redis://, rediss://) or a Cluster (redis-cluster://, rediss-cluster://). */
    REDIS("redis", 6379, false, "redis", "rediss", "redis-cluster", "rediss-cluster"),
    MONGODB("mongodb", 27017, false, "mongodb");

    private final String configName;
    private final int defaultPort;
    private final boolean sql;
    private final List<String> schemes;

    DatabaseType(String configName, int defaultPort, boolean sql, String... schemes) {
        this.configName = configName;
        this.defaultPort = defaultPort;
        this.sql = sql;
        this.schemes = List.of(schemes);
    }

    /** The name used in {@code type:} and in metric tags, e.g. {@code postgresql}. */
    @JsonValue
    public String configName() {
        return configName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** True for databases reached through JDBC (query/execute/dataSource work). */
    public boolean isSql() {
        return sql;
    }

    /** URL schemes accepted for this type; the first is canonical. */
    public List<String> schemes() {
        return schemes;
    }

    /** A URL to show in error messages as an example. */
    public String exampleUrl() {
        switch (this) {
            case REDIS:
                return "redis://127.0.0.1:6379/0";
            case MONGODB:
                return "mongodb://app@127.0.0.1:27017/docs";
            default:
                return configName + "://app@127.0.0.1:" + defaultPort + "/app";
        }
    }

    /** Config name → type, in declaration order (for messages that list the valid types). */
    public static Map<String, DatabaseType> byConfigName() {
        Map<String, DatabaseType> names = new LinkedHashMap<>();
        for (DatabaseType type : values()) {
            names.put(type.configName, type);
        }
        return Collections.unmodifiableMap(names);
    }

    @Override
    public String toString() {
        return configName;
    }
}
