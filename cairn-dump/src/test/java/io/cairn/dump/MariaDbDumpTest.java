package io.cairn.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.repository.Repository;
import io.cairn.testkit.MariaDbExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MariaDB dumps through mariadb-dump into the repository and back into a second, fresh server. */
class MariaDbDumpTest {
    @RegisterExtension
    static final MariaDbExtension source = MariaDbExtension.create();
    @RegisterExtension
    static final MariaDbExtension target = MariaDbExtension.create();

    static Map<String, String> original;

    @TempDir
    Path directory;
    Repository repository;

    @BeforeAll
    static void fillSource() throws SQLException {
        try (Connection c = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
                    + "email VARCHAR(200) UNIQUE) ENGINE=InnoDB");
            s.execute("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, "
                    + "amount DECIMAL(12,2) NOT NULL, note TEXT, data VARBINARY(64), "
                    + "FOREIGN KEY (customer_id) REFERENCES customers(id)) ENGINE=InnoDB");
            s.execute("CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(100))");
            s.execute("CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW "
                    + "INSERT INTO audit (note) VALUES (CONCAT('order ', NEW.id))");
            s.execute("CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 500");
            s.execute("CREATE PROCEDURE order_count(OUT n INT) SELECT COUNT(*) INTO n FROM orders");
            s.execute("CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit WHERE id < 0");
            s.execute("INSERT INTO customers (name, email) SELECT CONCAT('customer ', seq), CONCAT('c', seq, '@example.com') "
                    + "FROM seq_1_to_2000");
            s.execute("INSERT INTO orders (customer_id, amount, note, data) SELECT 1 + seq % 2000, (seq * 7919 % 100000) / 100, "
                    + "CONCAT('note ''quoted'' \\\\ ', seq, REPEAT(' x', 20)), UNHEX(MD5(seq)) FROM seq_1_to_12000");
        }
        original = checksums(source, "cairn");
    }

    static Map<String, String> checksums(MariaDbExtension server, String database) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
             Statement s = c.createStatement()) {
            for (String table : new String[] {"customers", "orders", "audit"}) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*), MD5(GROUP_CONCAT(MD5(CONCAT_WS('|', t.*)) ORDER BY id)) "
                        .replace("t.*", table.equals("orders") ? "id, customer_id, amount, note, HEX(data)"
                                : table.equals("customers") ? "id, name, email" : "id, note") + "FROM " + table)) {
                    r.next();
                    sums.put(table, r.getLong(1) + ":" + r.getString(2));
                }
            }
        }
        return sums;
    }

    static long count(MariaDbExtension server, String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @BeforeEach
    void openRepository() {
        repository = TestSetup.repository(directory.resolve("repo"));
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    private DatabaseConfig legacy() {
        return TestSetup.database("legacy", DatabaseType.MARIADB, source.cairnUrl(), source.password());
    }

    private DatabaseConfig copy(String id, String database) {
        return TestSetup.database(id, DatabaseType.MARIADB, TestSetup.withDatabase(target.cairnUrl(), database),
                target.password());
    }

    @Test
    void dumpLoadsIntoFreshServerWithRoutinesTriggersAndEvents() throws Exception {
        try (DataManager dm = TestSetup.dataManager(legacy(), copy("copy", "full_copy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("legacy", DumpOptions.defaults());
            assertThat(dump.format()).isEqualTo(DumpFormat.PLAIN);
            assertThat(dump.tool()).startsWith("mariadb-dump ");
            LoadResult load = dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withCreate());
            assertThat(load.bytesVerified()).isEqualTo(dump.bytes());
        }
        assertThat(checksums(target, "full_copy")).isEqualTo(original);
        assertThat(count(target, "full_copy", "SELECT COUNT(*) FROM information_schema.triggers "
                + "WHERE trigger_schema = 'full_copy'")).isOne();
        assertThat(count(target, "full_copy", "SELECT COUNT(*) FROM information_schema.routines "
                + "WHERE routine_schema = 'full_copy'")).isOne();
        assertThat(count(target, "full_copy", "SELECT COUNT(*) FROM information_schema.events "
                + "WHERE event_schema = 'full_copy'")).isOne();
        assertThat(count(target, "full_copy", "SELECT COUNT(*) FROM information_schema.views "
                + "WHERE table_schema = 'full_copy'")).isOne();
    }

    @Test
    void oneTableLoadsAlone() throws Exception {
        try (DataManager dm = TestSetup.dataManager(legacy(), copy("one", "one_table"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("legacy", DumpOptions.defaults());
            assertThatThrownBy(() -> dumps.load(dump.shortId(), "one", LoadOptions.defaults().withCreate().withTables("nope")))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            dumps.load(dump.shortId(), "one", LoadOptions.defaults().withCreate().withTables("customers"));
        }
        assertThat(count(target, "one_table", "SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = 'one_table'")).isOne();
        assertThat(count(target, "one_table", "SELECT COUNT(*) FROM information_schema.routines "
                + "WHERE routine_schema = 'one_table'")).isZero();
        assertThat(count(target, "one_table", "SELECT COUNT(*) FROM customers")).isEqualTo(2000);
    }

    @Test
    void nonEmptyTargetIsRefusedUnlessForced() throws Exception {
        try (DataManager dm = TestSetup.dataManager(legacy(), copy("busy", "cairn"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("legacy", DumpOptions.defaults().withTables("customers"));
            try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY)");
            }
            assertThatThrownBy(() -> dumps.load(dump.shortId(), "busy", LoadOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                    .hasMessageContaining("'busy' is not empty");
            dumps.load(dump.shortId(), "busy", LoadOptions.defaults().withForce());
        }
        assertThat(count(target, "cairn", "SELECT COUNT(*) FROM customers")).isEqualTo(2000);
    }

    @Test
    void killedDumpToolLeavesNoDump() {
        AtomicBoolean killed = new AtomicBoolean();
        try (DataManager dm = TestSetup.dataManager(legacy())) {
            Dumps dumps = Dumps.of(dm, repository);
            assertThatThrownBy(() -> dumps.dump("legacy", DumpOptions.defaults(),
                    Children.killOnFirstProgress("mariadb-dump", killed)))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR))
                    .hasMessageContaining("mariadb-dump was killed (signal 9)");
            assertThat(killed).isTrue();
            assertThat(dumps.list(Optional.empty())).isEmpty();
            assertThat(repository.snapshots()).isEmpty();
        }
    }

    @Test
    void wrongPasswordIsReportedAsSuch() {
        DatabaseConfig wrong = TestSetup.database("legacy", DatabaseType.MARIADB, source.cairnUrl(), "not-the-password");
        try (DataManager dm = TestSetup.dataManager(wrong)) {
            assertThatThrownBy(() -> Dumps.of(dm, repository).dump("legacy", DumpOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                    .hasMessageNotContaining("not-the-password");
        }
    }

    @Test
    void dumpNotMatchingItsManifestIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (DataManager dm = TestSetup.dataManager(legacy(), copy("copy", "forged_copy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("legacy", DumpOptions.defaults());
            String forged = Corruption.forgeDumpWithChangedByte(repository, dump.dumpId(), "mariadb", "legacy");
            assertThatThrownBy(() -> dumps.load(forged, "copy", LoadOptions.defaults().withCreate()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY))
                    .hasMessageContaining("nothing was written to 'copy'");
        }
        assertThat(count(target, "cairn", "SELECT COUNT(*) FROM information_schema.schemata "
                + "WHERE schema_name = 'forged_copy'")).isZero();
    }
}
