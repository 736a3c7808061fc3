package io.cairn.bench.migrate;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.embedded.PostgresBinaries;
import io.cairn.embedded.PostgresServer;
import io.cairn.migrate.MigrateResult;
import io.cairn.migrate.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * Applies the same N generated migrations with Cairn and with Flyway, each into a fresh database
 * of one throwaway PostgreSQL, several rounds with the order alternating (so neither always gets
 * the warm JVM), then a no-op migrate on the up-to-date database (what every service start pays).
 * Prints every time, the medians and the ratios Flyway / Cairn (above 1 = Cairn faster).
 *
 *   MigrateVsFlyway [migrations=1000] [rounds=3]
 */
public final class MigrateVsFlyway {
    private MigrateVsFlyway() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // the server runs as an unprivileged user when we are root: it must be able to enter the directory
        Path work = Files.createTempDirectory(Path.of("/tmp"), "cairn-bench-migrate-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Path files = generate(work.resolve("migrations/bench"), count);
        List<Integer> majors = PostgresBinaries.installedMajors();
        PostgresBinaries binaries = majors.contains(15) ? PostgresBinaries.system(15) : PostgresBinaries.system();
        try (PostgresServer server = PostgresServer.builder().binaries(binaries).directory(work.resolve("pg"))
                .fsync(false).build()) {
            server.start();
            System.out.printf("PostgreSQL %s on port %d, %d migrations, %d rounds%n", binaries, server.port(), count, rounds);
            List<Long> cairn = new ArrayList<>();
            List<Long> flyway = new ArrayList<>();
            List<Long> cairnNoop = new ArrayList<>();
            List<Long> flywayNoop = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                boolean cairnFirst = round % 2 == 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == cairnFirst) {
                        long[] times = runCairn(server, "cairn_" + round, work, count);
                        cairn.add(times[0]);
                        cairnNoop.add(times[1]);
                        System.out.printf("round %d  cairn   apply %6d ms   no-op %5d ms%n", round, times[0], times[1]);
                    } else {
                        long[] times = runFlyway(server, "flyway_" + round, files, count);
                        flyway.add(times[0]);
                        flywayNoop.add(times[1]);
                        System.out.printf("round %d  flyway  apply %6d ms   no-op %5d ms%n", round, times[0], times[1]);
                    }
                }
            }
            long cairnApply = median(cairn);
            long flywayApply = median(flyway);
            System.out.printf("median apply of %d migrations: cairn %d ms, flyway %d ms, flyway/cairn = %.2f%n",
                    count, cairnApply, flywayApply, flywayApply / (double) cairnApply);
            System.out.printf("median no-op migrate (all %d applied): cairn %d ms, flyway %d ms, flyway/cairn = %.2f%n",
                    count, median(cairnNoop), median(flywayNoop), median(flywayNoop) / (double) median(cairnNoop));
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** V1..VN, each a small table with an index and a row: the shape of a long-lived service's history. */
    static Path generate(Path directory, int count) throws IOException {
        Files.createDirectories(directory);
        for (int i = 1; i <= count; i++) {
            Files.writeString(directory.resolve("V" + i + "__table_" + i + ".sql"),
                    "-- migration " + i + "\n"
                    + "CREATE TABLE t_" + i + " (id bigint PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());\n"
                    + "CREATE INDEX t_" + i + "_name ON t_" + i + " (name);\n"
                    + "INSERT INTO t_" + i + " (id, name) VALUES (1, 'row; with semicolon'), (2, $$dollar$$);\n");
        }
        return directory;
    }

    private static void createDatabase(PostgresServer server, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    private static long[] runCairn(PostgresServer server, String database, Path work, int count) throws SQLException {
        createDatabase(server, database);
        DatabaseConfig config = DatabaseConfig.of("bench", DatabaseType.POSTGRESQL,
                DatabaseUrl.parse("postgresql://" + server.user() + "@127.0.0.1:" + server.port() + "/" + database, 5432),
                Optional.of(Secret.of(server.password())));
        try (DataManager dm = DataManager.open(CairnConfig.of(List.of(config)))) {
            long start = System.nanoTime();
            MigrateResult result = Migrations.builder(dm).location(work.resolve("migrations")).build().migrate("bench");
            long apply = (System.nanoTime() - start) / 1_000_000;
            check(result.migrationsApplied(), count, "cairn");
            start = System.nanoTime();
            check(Migrations.builder(dm).location(work.resolve("migrations")).build().migrate("bench").migrationsApplied(), 0, "cairn");
            return new long[] {apply, (System.nanoTime() - start) / 1_000_000};
        }
    }

    private static long[] runFlyway(PostgresServer server, String database, Path files, int count) throws SQLException {
        createDatabase(server, database);
        Flyway flyway = Flyway.configure().dataSource(server.jdbcUrl(database), server.user(), server.password())
                .locations("filesystem:" + files).load();
        long start = System.nanoTime();
        int applied = flyway.migrate().migrationsExecuted;
        long apply = (System.nanoTime() - start) / 1_000_000;
        check(applied, count, "flyway");
        start = System.nanoTime();
        check(flyway.migrate().migrationsExecuted, 0, "flyway");
        return new long[] {apply, (System.nanoTime() - start) / 1_000_000};
    }

    private static void check(int applied, int expected, String tool) {
        if (applied != expected) {
            throw new IllegalStateException(tool + " applied " + applied + " migrations, expected " + expected);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
