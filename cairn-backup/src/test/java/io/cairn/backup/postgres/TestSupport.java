package io.cairn.backup.postgres;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryOptions;
import io.cairn.repository.storage.LocalStorage;
import io.cairn.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Shared helpers: a repository with cheap key derivation, a DataManager for a test server, SQL shortcuts. */
final class TestSupport {
    static final String PASSPHRASE = "correct horse battery staple";
    static final KeyDerivation FAST_KDF = KeyDerivation.argon2id(1024, 1, 1);

    private TestSupport() {
    }

    static Repository initRepository(Path directory) {
        return Repository.init(new LocalStorage(directory), Passphrase.of(PASSPHRASE),
                InitOptions.defaults().withKeyDerivation(FAST_KDF), RepositoryOptions.defaults().withWorkers(2));
    }

    static Repository openRepository(Path directory) {
        return Repository.open(new LocalStorage(directory), Passphrase.of(PASSPHRASE),
                RepositoryOptions.defaults().withWorkers(2));
    }

    /** Makes a test's temporary directory traversable by the unprivileged user servers run as when we are root. */
    static Path traversable(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    static Path passwordFile(Path directory) throws IOException {
        Path file = directory.resolve("repository-passphrase");
        Files.writeString(file, PASSPHRASE + "\n");
        return file;
    }

    static DatabaseConfig database(String id, PostgresExtension pg) {
        return DatabaseConfig.of(id, DatabaseType.POSTGRESQL, DatabaseUrl.parse(pg.cairnUrl(), 5432),
                Optional.of(Secret.of(pg.password())));
    }

    static DataManager dataManager(String id, PostgresExtension pg) {
        return DataManager.open(CairnConfig.of(List.of(database(id, pg))));
    }

    static Connection connect(PostgresExtension pg) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    static void execute(PostgresExtension pg, String... statements) throws SQLException {
        try (Connection connection = connect(pg); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    static String text(PostgresExtension pg, String sql) throws SQLException {
        try (Connection connection = connect(pg)) {
            return text(connection, sql);
        }
    }

    /** A digest of a whole table's rows in key order. */
    static String digestSql(String table) {
        return "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM " + table + " t";
    }

    /** A directory owned like the server's data directory, for tablespaces (the server runs as another user when we are root). */
    static Path serverOwnedDirectory(PostgresExtension pg, Path directory) throws IOException {
        Files.createDirectories(directory);
        PosixFileAttributeView view = Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        PosixFileAttributeView data = Files.getFileAttributeView(pg.dataDirectory(), PosixFileAttributeView.class);
        view.setOwner(data.getOwner());
        view.setGroup(data.readAttributes().group());
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return directory;
    }

    /** Archives (wal push) every complete segment in the server's pg_wal that is not the one being written. */
    static int pushWalSegments(PostgresExtension pg, PostgresBackups backups, String db) throws Exception {
        String current;
        try (Connection connection = connect(pg)) {
            current = text(connection, "SELECT pg_walfile_name(pg_current_wal_lsn())");
        }
        int pushed = 0;
        try (var files = Files.list(pg.dataDirectory().resolve("pg_wal"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.matches("[0-9A-F]{24}") && name.compareTo(current) < 0 || name.endsWith(".history")) {
                    backups.pushWal(db, file);
                    pushed++;
                }
            }
        }
        return pushed;
    }
}
