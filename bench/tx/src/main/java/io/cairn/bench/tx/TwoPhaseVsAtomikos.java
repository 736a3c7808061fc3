package io.cairn.bench.tx;

import com.atomikos.icatch.jta.UserTransactionManager;
import com.atomikos.jdbc.AtomikosDataSourceBean;
import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.embedded.MariaDbServer;
import io.cairn.embedded.PostgresBinaries;
import io.cairn.embedded.PostgresServer;
import io.cairn.tx.Transactions;
import io.cairn.tx.TxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The same transfer (UPDATE on PostgreSQL, UPDATE on MariaDB) committed atomically by Cairn's
 * two-phase commit and by Atomikos over XA data sources, next to one local PostgreSQL commit and
 * two independent local commits (no atomicity). Each thread moves money on its own account, so the
 * figures measure the commit protocol, not lock waits. Both coordinators log durably (fsync).
 *
 *   TwoPhaseVsAtomikos [transactions=2000] [threads=1,4]
 */
public final class TwoPhaseVsAtomikos {
    private static final int WARMUP = 200;

    private TwoPhaseVsAtomikos() {
    }

    /** One transaction of a contender on account {@code id}. */
    @FunctionalInterface
    interface Transfer {
        void run(int id) throws Exception;
    }

    record Figures(double perSecond, double p50Millis, double p99Millis) {
    }

    public static void main(String[] args) throws Exception {
        try (var config = TwoPhaseVsAtomikos.class.getResourceAsStream("/logging.properties")) {
            java.util.logging.LogManager.getLogManager().readConfiguration(config);
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int[] threadCounts = Arrays.stream((args.length > 1 ? args[1] : "1,4").split(",")).mapToInt(Integer::parseInt).toArray();
        Path work = Files.createTempDirectory(Path.of("/tmp"), "cairn-bench-tx-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        List<Integer> majors = PostgresBinaries.installedMajors();
        PostgresBinaries binaries = majors.contains(15) ? PostgresBinaries.system(15) : PostgresBinaries.system();
        try (PostgresServer pg = PostgresServer.builder().binaries(binaries).directory(work.resolve("pg"))
                .setting("max_prepared_transactions", "64").setting("max_connections", "100").build();
             MariaDbServer maria = MariaDbServer.builder().directory(work.resolve("mariadb")).build()) {
            pg.start();
            maria.start();
            int accounts = Arrays.stream(threadCounts).max().orElse(1);
            createAccounts(pg.jdbcUrl(), pg.user(), pg.password(), accounts);
            createAccounts(maria.jdbcUrl(), maria.user(), maria.password(), accounts);
            System.out.printf("PostgreSQL %s + MariaDB, %d transactions per run after %d warm-up, fsync on%n",
                    binaries, count, WARMUP);
            DatabaseConfig pgConfig = DatabaseConfig.of("pg", DatabaseType.POSTGRESQL, DatabaseUrl.parse(
                    "postgresql://" + pg.user() + "@127.0.0.1:" + pg.port() + "/" + pg.database(), 5432),
                    Optional.of(Secret.of(pg.password())));
            DatabaseConfig mariaConfig = DatabaseConfig.of("maria", DatabaseType.MARIADB, DatabaseUrl.parse(
                    "mariadb://" + maria.user() + "@127.0.0.1:" + maria.port() + "/" + maria.database(), 3306),
                    maria.password().isEmpty() ? Optional.empty() : Optional.of(Secret.of(maria.password())));
            System.setProperty("com.atomikos.icatch.log_base_dir", work.resolve("atomikos").toString());
            System.setProperty("com.atomikos.icatch.output_dir", work.resolve("atomikos").toString());
            System.setProperty("com.atomikos.icatch.max_actives", "-1");
            System.setProperty("com.atomikos.icatch.registered", "true");
            try (DataManager dm = DataManager.open(CairnConfig.of(List.of(pgConfig, mariaConfig)));
                 Transactions cairn = Transactions.open(dm, TxSettings.defaults().withCoordinator("bench",
                         work.resolve("cairn-log")), Clock.systemUTC(), Sleeper.system(), new SimpleMeterRegistry())) {
                UserTransactionManager atomikos = new UserTransactionManager();
                atomikos.init();
                AtomikosDataSourceBean pgXa = xa("pg", "org.postgresql.xa.PGXADataSource", pg.jdbcUrl(), pg.user(),
                        pg.password(), accounts);
                AtomikosDataSourceBean mariaXa = xa("maria", "org.mariadb.jdbc.MariaDbDataSource", maria.jdbcUrl(),
                        maria.user(), maria.password(), accounts);
                DataSource pgPool = dm.dataSource("pg");
                DataSource mariaPool = dm.dataSource("maria");
                Transfer cairnTransfer = id -> cairn.distributed(List.of("pg", "maria"), d -> {
                    d.on("pg").execute("UPDATE accounts SET balance = balance - 1 WHERE id = ?", id);
                    d.on("maria").execute("UPDATE accounts SET balance = balance + 1 WHERE id = ?", id);
                });
                Transfer atomikosTransfer = id -> {
                    atomikos.begin();
                    try (Connection a = pgXa.getConnection(); Connection b = mariaXa.getConnection()) {
                        update(a, -1, id);
                        update(b, 1, id);
                    } catch (Exception e) {
                        atomikos.rollback();
                        throw e;
                    }
                    atomikos.commit();
                };
                Transfer localPg = id -> local(pgPool, -1, id);
                Transfer twoLocal = id -> {
                    local(pgPool, -1, id);
                    local(mariaPool, 1, id);
                };
                for (int threads : threadCounts) {
                    System.out.printf("%n%d thread(s)%n", threads);
                    Figures c = measure("cairn 2PC", cairnTransfer, threads, count);
                    Figures a = measure("atomikos XA", atomikosTransfer, threads, count);
                    Figures l = measure("local commit (PostgreSQL only)", localPg, threads, count);
                    Figures t = measure("two local commits (not atomic)", twoLocal, threads, count);
                    System.out.printf("ratios: cairn/atomikos commits per second = %.2f, p50 atomikos/cairn = %.2f, "
                            + "p99 atomikos/cairn = %.2f; cairn 2PC costs %.1fx a local commit, %.1fx two local commits%n",
                            c.perSecond() / a.perSecond(), a.p50Millis() / c.p50Millis(), a.p99Millis() / c.p99Millis(),
                            l.perSecond() / c.perSecond(), t.perSecond() / c.perSecond());
                }
                pgXa.close();
                mariaXa.close();
                atomikos.close();
            }
        } finally {
            deleteTree(work);
        }
    }

    private static Figures measure(String name, Transfer transfer, int threads, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runAll(pool, transfer, threads, WARMUP);
            long start = System.nanoTime();
            long[] latencies = runAll(pool, transfer, threads, count);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            Figures figures = new Figures(latencies.length / seconds, latencies[latencies.length / 2] / 1e6,
                    latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6);
            System.out.printf("  %-32s %8.0f commits/s   p50 %6.2f ms   p99 %6.2f ms%n", name, figures.perSecond(),
                    figures.p50Millis(), figures.p99Millis());
            return figures;
        } finally {
            pool.shutdown();
        }
    }

    private static long[] runAll(ExecutorService pool, Transfer transfer, int threads, int count) throws Exception {
        int each = count / threads;
        List<Future<long[]>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int account = t + 1;
            parts.add(pool.submit(() -> {
                long[] times = new long[each];
                for (int i = 0; i < each; i++) {
                    long begin = System.nanoTime();
                    transfer.run(account);
                    times[i] = System.nanoTime() - begin;
                }
                return times;
            }));
        }
        long[] all = new long[each * threads];
        for (int t = 0; t < threads; t++) {
            System.arraycopy(parts.get(t).get(), 0, all, t * each, each);
        }
        return all;
    }

    private static AtomikosDataSourceBean xa(String name, String className, String url, String user, String password,
            int poolSize) {
        AtomikosDataSourceBean bean = new AtomikosDataSourceBean();
        bean.setUniqueResourceName(name);
        bean.setXaDataSourceClassName(className);
        Properties properties = new Properties();
        properties.setProperty("url", url);
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        bean.setXaProperties(properties);
        bean.setPoolSize(poolSize);
        bean.setBorrowConnectionTimeout(30);
        return bean;
    }

    private static void update(Connection connection, int delta, int id) throws Exception {
        try (PreparedStatement s = connection.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?")) {
            s.setInt(1, delta);
            s.setInt(2, id);
            s.executeUpdate();
        }
    }

    private static void local(DataSource pool, int delta, int id) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            update(c, delta, id);
            c.commit();
        }
    }

    private static void createAccounts(String url, String user, String password, int accounts) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            for (int id = 1; id <= accounts; id++) {
                s.execute("INSERT INTO accounts VALUES (" + id + ", 1000000)");
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
