package io.cairn.bench.dump;

import io.cairn.core.DataManager;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.dump.DumpOptions;
import io.cairn.dump.DumpResult;
import io.cairn.dump.Dumps;
import io.cairn.repository.InitOptions;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.storage.LocalStorage;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.workload.ShopWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Seven days of a PostgreSQL database that changes ~1% a day, dumped each day both by Cairn
 * into one repository and by plain {@code pg_dump -Fc} into files, as a user would otherwise
 * keep them. Prints per-day sizes and times and the ratios (repository vs the sum of the
 * pg_dump files; time of cairn dump vs pg_dump -Fc). Run through bench/dump-vs-pgdump.sh.
 *
 * <p>Arguments: {@code [--accounts N] [--events N] [--days N] [--workload typical|scattered]}.
 */
public final class SevenDayDumpBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int accounts = Integer.parseInt(options.getOrDefault("accounts", "150000"));
        int events = Integer.parseInt(options.getOrDefault("events", "250000"));
        int days = Integer.parseInt(options.getOrDefault("days", "7"));
        ShopWorkload workload = new ShopWorkload(accounts, events, options.getOrDefault("workload", "typical"));
        Path work = Files.createTempDirectory("cairn-dump-bench-");
        PostgresExtension pg = PostgresExtension.create();
        try {
            pg.start();
            run(pg, workload, days, work, options.getOrDefault("workload", "typical"));
        } finally {
            pg.close();
            deleteTree(work);
        }
    }

    private static void run(PostgresExtension pg, ShopWorkload workload, int days, Path work,
            String shape) throws Exception {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            workload.create(connection);
        }
        InitOptions init = InitOptions.defaults();
        Path repoDir = work.resolve("repo");
        DatabaseConfig main = DatabaseConfig.of("main", DatabaseType.POSTGRESQL, DatabaseUrl.parse(pg.cairnUrl(), 5432),
                Optional.of(Secret.of(pg.password())));
        System.out.printf("workload %s: %d rows, ~1%% changed a day; cairn dump -Fc -Z0, chunks 16/64/512 KiB%n", shape,
                workload.totalRows());
        System.out.printf("%-4s %14s %12s %14s %14s %12s %10s%n", "day", "pg_dump -Fc", "pg_dump s", "cairn dump",
                "repo growth", "repo total", "cairn s");
        long pgDumpTotal = 0;
        long firstPgDump = 0;
        double pgDumpSeconds = 0;
        double cairnSeconds = 0;
        long dumpBytesTotal = 0;
        List<Long> growth = new ArrayList<>();
        try (Repository repository = Repository.init(new LocalStorage(repoDir), Passphrase.of("bench"), init);
             DataManager dm = DataManager.open(CairnConfig.of(List.of(main)))) {
            Dumps dumps = Dumps.of(dm, repository);
            long before = size(repoDir);
            for (int day = 1; day <= days; day++) {
                if (day > 1) {
                    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
                        workload.nextDay(connection);
                    }
                }
                Path file = work.resolve("day" + day + ".pgdump");
                long start = System.nanoTime();
                pgDump(pg, file);
                double pgSeconds = (System.nanoTime() - start) / 1e9;
                long pgSize = Files.size(file);
                Files.delete(file);
                start = System.nanoTime();
                DumpResult result = dumps.dump("main", DumpOptions.defaults());
                double cairn = (System.nanoTime() - start) / 1e9;
                long after = size(repoDir);
                growth.add(after - before);
                System.out.printf("%-4d %14s %12.1f %14s %14s %12s %10.1f%n", day, mib(pgSize), pgSeconds,
                        mib(result.bytes()), mib(after - before), mib(after), cairn);
                before = after;
                pgDumpTotal += pgSize;
                firstPgDump = day == 1 ? pgSize : firstPgDump;
                pgDumpSeconds += pgSeconds;
                cairnSeconds += cairn;
                dumpBytesTotal += result.bytes();
            }
            long repoTotal = size(repoDir);
            System.out.println();
            System.out.printf("sum of %d pg_dump -Fc files:        %s%n", days, mib(pgDumpTotal));
            System.out.printf("sum of %d uncompressed dumps:       %s%n", days, mib(dumpBytesTotal));
            System.out.printf("repository after %d cairn dumps:   %s%n", days, mib(repoTotal));
            System.out.printf("ratio repository / sum of pg_dump -Fc files: %.3f%n", (double) repoTotal / pgDumpTotal);
            System.out.printf("ratio repository / one pg_dump -Fc file:     %.3f%n", (double) repoTotal / firstPgDump);
            System.out.printf("ratio days 2..%d growth / day 1 growth:       %.3f%n", days,
                    (double) growth.stream().skip(1).mapToLong(Long::longValue).sum() / growth.get(0));
            System.out.printf("ratio time cairn dump / pg_dump -Fc:         %.2f%n", cairnSeconds / pgDumpSeconds);
        }
    }

    private static void pgDump(PostgresExtension pg, Path file) throws IOException, InterruptedException {
        Path binary = pg.binaries().binDirectory().resolve("pg_dump");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "--host", pg.host(), "--port",
                Integer.toString(pg.port()), "--username", pg.user(), "--format=custom", "--file=" + file, pg.database());
        builder.environment().put("PGPASSWORD", pg.password());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pg_dump failed with exit code " + process.exitValue());
        }
    }

    private static long size(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
