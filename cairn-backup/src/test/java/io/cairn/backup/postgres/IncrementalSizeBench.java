package io.cairn.backup.postgres;

import io.cairn.backup.BackupType;
import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what an incremental backup adds after 1% of a pgbench_accounts-like table's rows are
 * updated at random, for several fixed chunk sizes (pages per chunk), each in its own repository.
 * A benchmark, not a test: its name is outside surefire's test patterns, so `mvn test` never runs
 * it; run it by name (minutes of work): {@code mvn -pl cairn-backup test -Dtest=IncrementalSizeBench
 * -Dcairn.bench.mib=1024}.
 */
class IncrementalSizeBench {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.builder().setting("max_wal_size", "4GB")
            .setting("checkpoint_timeout", "1h").setting("autovacuum", "off").build();

    @TempDir
    Path temp;

    @Test
    void incrementalAfterOnePercentRandomUpdates() throws Exception {
        int mib = Integer.getInteger("cairn.bench.mib", 256);
        long rows = mib * 1024L * 1024L / 136;
        // pgbench's filler is blank (compresses ~20x); "random" fills it with hex digits (compresses ~2x)
        String filler = "random".equals(System.getProperty("cairn.bench.filler")) ? "substr(md5(g::text) || md5((g + 1)::text)"
                + " || md5((g + 2)::text), 1, 84)" : "''";
        TestSupport.execute(PG, "CREATE TABLE accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))",
                "INSERT INTO accounts SELECT g, g / 100000 + 1, 0, " + filler + " FROM generate_series(1, " + rows + ") g",
                "VACUUM ANALYZE accounts", "CHECKPOINT");
        long tableBytes = Long.parseLong(TestSupport.text(PG, "SELECT pg_relation_size('accounts')"));
        long indexBytes = Long.parseLong(TestSupport.text(PG, "SELECT pg_relation_size('accounts_pkey')"));
        int[] choices = java.util.Arrays.stream(System.getProperty("cairn.bench.pages", "1,2,4,8,16,32,128").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Map<Integer, Repository> repositories = new LinkedHashMap<>();
        Map<Integer, PgBackupResult> fulls = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        try (DataManager dataManager = TestSupport.dataManager("main", PG)) {
            for (int pages : choices) {
                Repository repository = TestSupport.initRepository(temp.resolve("repo-" + pages));
                repositories.put(pages, repository);
                fulls.put(pages, backups(dataManager, repository, pages).backup("main", BackupType.FULL));
            }
            TestSupport.execute(PG, "UPDATE accounts SET abalance = abalance + 1 WHERE aid IN (SELECT (random() * "
                    + (rows - 1) + ")::int + 1 FROM generate_series(1, " + rows / 100 + "))");
            long touchedPages = Long.parseLong(TestSupport.text(PG, "SELECT count(DISTINCT (ctid::text::point)[0])"
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
            Path restored = temp.resolve("restored");
            PgRestoreResult restore = backups(dataManager, repositories.get(first), first).restore("main",
                    RestoreRequest.to(restored).withTarget(io.cairn.backup.RecoveryTarget.immediate()));
            lines.add(String.format("restore of the %d-page incremental: %.1f MiB in %.1f s (%.1f MiB/s), %d WAL files staged",
                    first, restore.bytes() / 1048576.0, restore.restoreDuration().toMillis() / 1000.0,
                    restore.bytes() / 1048576.0 / (restore.restoreDuration().toMillis() / 1000.0), restore.walFilesStaged()));
            System.out.printf("[bench] filler %s%n", filler);
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
}
