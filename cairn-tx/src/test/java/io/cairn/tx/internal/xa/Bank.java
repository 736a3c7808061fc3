package io.cairn.tx.internal.xa;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.ServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test fixture: two (or more) real servers as databases "a" and "b", an accounts table on each,
 * direct JDBC to read balances and the Cairn branches a server holds prepared.
 */
final class Bank {
    final Map<String, ServerExtension<?>> servers = new LinkedHashMap<>();

    Bank(String a, ServerExtension<?> first, String b, ServerExtension<?> second) {
        servers.put(a, first);
        servers.put(b, second);
    }

    List<String> dbs() {
        return List.copyOf(servers.keySet());
    }

    DatabaseConfig config(String db) {
        ServerExtension<?> server = servers.get(db);
        DatabaseType type = server instanceof PostgresExtension ? DatabaseType.POSTGRESQL : DatabaseType.MARIADB;
        return DatabaseConfig.of(db, type, DatabaseUrl.parse(server.cairnUrl(), type.defaultPort()),
                server.password().isEmpty() ? Optional.empty() : Optional.of(Secret.of(server.password())));
    }

    DataManager dataManager() {
        List<DatabaseConfig> configs = new ArrayList<>();
        servers.keySet().forEach(db -> configs.add(config(db)));
        return DataManager.open(CairnConfig.of(configs));
    }

    /** The same databases as a configuration file, for a child JVM or the CLI. */
    Path writeConfig(Path file, String transactionsSection) throws IOException {
        StringBuilder yaml = new StringBuilder("databases:\n");
        for (Map.Entry<String, ServerExtension<?>> e : servers.entrySet()) {
            String type = e.getValue() instanceof PostgresExtension ? "postgresql" : "mariadb";
            yaml.append("  ").append(e.getKey()).append(": { type: ").append(type).append(", url: \"")
                    .append(e.getValue().cairnUrl()).append("\"");
            if (!e.getValue().password().isEmpty()) {
                yaml.append(", password: \"").append(e.getValue().password()).append("\"");
            }
            yaml.append(" }\n");
        }
        yaml.append(transactionsSection);
        return Files.writeString(file, yaml.toString());
    }

    Connection connect(String db) throws SQLException {
        ServerExtension<?> server = servers.get(db);
        String url = server instanceof PostgresExtension pg ? pg.jdbcUrl() : ((MariaDbExtension) server).jdbcUrl();
        return DriverManager.getConnection(url, server.user(), server.password());
    }

    boolean postgres(String db) {
        return servers.get(db) instanceof PostgresExtension;
    }

    /** (Re)creates accounts 1..n with {@code balance} each on every database. */
    void reset(int accounts, long balance) throws SQLException {
        for (String db : servers.keySet()) {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS accounts");
                s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)"
                        + (postgres(db) ? "" : " ENGINE=InnoDB"));
                for (int id = 1; id <= accounts; id++) {
                    s.execute("INSERT INTO accounts VALUES (" + id + ", " + balance + ")");
                }
            }
        }
    }

    long balance(String db, int id) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT balance FROM accounts WHERE id = " + id)) {
            r.next();
            return r.getLong(1);
        }
    }

    long total() throws SQLException {
        long total = 0;
        for (String db : servers.keySet()) {
            try (Connection c = connect(db); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COALESCE(SUM(balance), 0) FROM accounts")) {
                r.next();
                total += r.getLong(1);
            }
        }
        return total;
    }

    /** The Cairn branches (any coordinator) this database's server holds prepared. */
    List<String> preparedBranches(String db) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            if (postgres(db)) {
                try (ResultSet r = s.executeQuery("SELECT gid FROM pg_prepared_xacts WHERE gid LIKE 'cairn:%'")) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            } else {
                try (ResultSet r = s.executeQuery("XA RECOVER")) {
                    while (r.next()) {
                        if (r.getInt("formatID") == Gid.FORMAT_ID) {
                            found.add(r.getString("data"));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Prepared Cairn branches on every database. */
    List<String> preparedBranches() throws SQLException {
        List<String> all = new ArrayList<>();
        for (String db : servers.keySet()) {
            all.addAll(preparedBranches(db));
        }
        return all;
    }

    /** Terminates every other client session of {@code db}'s database (a participant's connections dying). */
    void killConnections(String db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            if (postgres(db)) {
                s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid() AND backend_type = 'client backend'").close();
            } else {
                List<Long> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT id FROM information_schema.processlist "
                        + "WHERE id <> CONNECTION_ID() AND command <> 'Daemon' AND user <> 'system user'")) {
                    while (r.next()) {
                        ids.add(r.getLong(1));
                    }
                }
                for (long id : ids) {
                    try {
                        s.execute("KILL CONNECTION " + id);
                    } catch (SQLException gone) {
                        // it ended by itself
                    }
                }
            }
        }
    }
}
