package io.cairn.bench.backup;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.PgBackupResult;
import io.cairn.backup.postgres.PgRestoreResult;
import io.cairn.backup.postgres.PostgresBackupOptions;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.backup.postgres.RestoreRequest;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures what an incremental backup adds after 1% of a pgbench_accounts-like table's rows are
 * updated at random, for several fixed chunk sizes (pages per chunk), each in its own repository,
 * on a throwaway PostgreSQL. Minutes of work at the default size; run through
 * bench/backup-incremental-size.sh.
 *
 * <p>Arguments: {@code [--mib 256] [--pages 1,2,4,8,16,32,128] [--filler blank|random]}. pgbench's
 * filler is blank (compresses ~20x); {@code random} fills it with hex digits (compresses ~2x).
 */
public final class IncrementalSizeBench {
    // the bench measures chunking, not key derivation: derive the repository key cheaply
    private static final KeyDerivation FAST_KDF = KeyDerivation.argon2id(1024, 1, 1);
    private static final String PASSPHRASE = "bench-passphrase";

    private IncrementalSizeBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int mib = Integer.parseInt(options.getOrDefault("mib", "256"));
        int[] choices = Arrays.stream(options.getOrDefault("pages", "1,2,4,8,16,32,128").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String filler = options.getOrDefault("filler", "blank");
        if (!filler.equals("blank") && !filler.equals("random")) {
            throw new IllegalArgumentException("--filler must be blank or random, not " + filler);
        }
        Path work = Files.createTempDirectory("cairn-incremental-bench-");
        PostgresExtension pg = PostgresExtension.builder().setting("max_wal_size", "4GB")
                .setting("checkpoint_timeout", "1h").setting("autovacuum", "off").build();
        try {
            pg.start();
            run(pg, work, mib, choices, filler);
        } finally {
            pg.close();
            deleteTree(work);
        }
    }

    private static void run(PostgresExtension pg, Path work, int mib, int[] choices, String fillerKind) throws Exception {
        long rows = mib * 1024L * 1024L / 136;
        String filler = fillerKind.equals("random") ? "substr(md5(g::text) || md5((g + 1)::text)"
                + " || md5((g + 2)::text), 1, 84)" : "''";
        execute(pg, "CREATE TABLE accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))",
                "INSERT INTO accounts SELECT g, g / 100000 + 1, 0, " + filler + " FROM generate_series(1, " + rows + ") g",
                "VACUUM ANALYZE accounts", "CHECKPOINT");
        long tableBytes = Long.parseLong(text(pg, "SELECT pg_relation_size('accounts')"));
        long indexBytes = Long.parseLong(text(pg, "SELECT pg_relation_size('accounts_pkey')"));
        Map<Integer, Repository> repositories = new LinkedHashMap<>();
        Map<Integer, PgBackupResult> fulls = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        DatabaseConfig database = DatabaseConfig.of("main", DatabaseType.POSTGRESQL, DatabaseUrl.parse(pg.cairnUrl(), 5432),
                Optional.of(Secret.of(pg.password())));
        try (DataManager dataManager = DataManager.open(CairnConfig.of(List.of(database)))) {
            for (int pages : choices) {
                Repository repository = Repository.init(new LocalStorage(work.resolve("repo-" + pages)),
                        Passphrase.of(PASSPHRASE), InitOptions.defaults().withKeyDerivation(FAST_KDF),
                        RepositoryOptions.defaults().withWorkers(2));
                repositories.put(pages, repository);
                fulls.put(pages, backups(dataManager, repository, pages).backup("main", BackupType.FULL));
            }
            execute(pg, "UPDATE accounts SET abalance = abalance + 1 WHERE aid IN (SELECT (random() * "
                    + (rows - 1) + ")::int + 1 FROM generate_series(1, " + rows / 100 + "))");
            long touchedPages = Long.parseLong(text(pg, "SELECT count(DISTINCT (ctid::text::point)[0])"
                    + " FROM accounts WHERE abalance > 0"));
            for (int pages : choices) {
                PgBackupResult incr = backups(dataManager, repositories.get(pages), pages).backup("main",
                        BackupType.INCREMENTAL);
                PgBackupResult full = fulls.get(pages);
                lines.add(String.format("%3d pages (%4d KiB): full %6.1f MiB stored %6.1f MiB in %5.1f s (%5.1f MiB/s);"
                                + " incr added %6.1f MiB (%4.1f%% of table+index) stored %6.1f MiB in %5.1f s",
                        pages, pages * 8, full.bytesAdded() / 1048576.0, full.bytesAddedStored() / 1048576.0,
                        full.duration().toMillis() / 1000.0, full.bytes() / 1048576.0 / (full.duration().toMillis() / 1000.0),
                        incr.bytesAdded() / 1048576.0, 100.0 * incr.bytesAdded() / (tableBytes + indexBytes),
                        incr.bytesAddedStored() / 1048576.0, incr.duration().toMillis() / 1000.0));
            }
            int first = choices[0];
            PgRestoreResult restore = backups(dataManager, repositories.get(first), first).restore("main",
                    RestoreRequest.to(work.resolve("restored")).withTarget(RecoveryTarget.immediate()));
            lines.add(String.format("restore of the %d-page incremental: %.1f MiB in %.1f s (%.1f MiB/s), %d WAL files staged",
                    first, restore.bytes() / 1048576.0, restore.restoreDuration().toMillis() / 1000.0,
                    restore.bytes() / 1048576.0 / (restore.restoreDuration().toMillis() / 1000.0), restore.walFilesStaged()));
            System.out.printf("[bench] filler %s%n", fillerKind);
            System.out.printf("[bench] table %.1f MiB + index %.1f MiB, %d rows, %d updated (1%%), rows' new versions on"
                    + " %d pages (%.1f%% of %d)%n", tableBytes / 1048576.0, indexBytes / 1048576.0, rows, rows / 100,
                    touchedPages, 100.0 * touchedPages / (tableBytes / 8192), tableBytes / 8192);
            lines.forEach(line -> System.out.println("[bench] " + line));
        } finally {
            repositories.values().forEach(Repository::close);
        }
    }

    private static PostgresBackups backups(DataManager dataManager, Repository repository, int pages) {
        return new PostgresBackups(dataManager, repository, PostgresBackupOptions.defaults().withPagesPerChunk(pages));
    }

    private static void execute(PostgresExtension pg, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String text(PostgresExtension pg, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
