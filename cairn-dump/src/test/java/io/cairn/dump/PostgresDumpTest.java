package io.cairn.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL dumps through pg_dump into the repository and back into a second, fresh server. */
class PostgresDumpTest {
    @RegisterExtension
    static final PostgresExtension source = PostgresExtension.create();
    @RegisterExtension
    static final PostgresExtension target = PostgresExtension.create();

    static Map<String, String> original;

    @TempDir
    Path directory;
    Repository repository;

    @BeforeAll
    static void fillSource() throws Exception {
        PostgresFixture.createShop(source, "cairn", 4000);
        original = PostgresFixture.checksums(source, "cairn", PostgresFixture.TABLES);
    }

    @BeforeEach
    void openRepository() {
        repository = TestSetup.repository(directory.resolve("repo"));
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    private DatabaseConfig main() {
        return TestSetup.database("main", DatabaseType.POSTGRESQL, source.cairnUrl(), source.password());
    }

    private DatabaseConfig copy(String id, String database) {
        return TestSetup.database(id, DatabaseType.POSTGRESQL, TestSetup.withDatabase(target.cairnUrl(), database),
                target.password());
    }

    @Test
    void customDumpLoadsIntoFreshServerWithIdenticalData() throws Exception {
        try (DataManager dm = TestSetup.dataManager(main(), copy("copy", "custom_copy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("main", DumpOptions.defaults());
            assertThat(dump.format()).isEqualTo(DumpFormat.CUSTOM);
            assertThat(dump.tool()).startsWith("pg_dump ");
            assertThat(dump.checksum()).hasSize(64);

            LoadResult load = dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withCreate());
            assertThat(load.bytesVerified()).isEqualTo(dump.bytes());
            assertThat(load.tool()).startsWith("pg_restore ");
        }
        assertThat(PostgresFixture.checksums(target, "custom_copy", PostgresFixture.TABLES)).isEqualTo(original);
        assertThat(PostgresFixture.count(target, "custom_copy",
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_status_idx'")).isOne();
        assertThat(PostgresFixture.count(target, "custom_copy",
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'orders_audit'")).isOne();
    }

    @Test
    void plainAndParallelDirectoryDumpsRoundTrip() throws Exception {
        try (DataManager dm = TestSetup.dataManager(main(), copy("plain", "plain_copy"), copy("dir", "dir_copy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult plain = dumps.dump("main", DumpOptions.defaults().withFormat(DumpFormat.PLAIN));
            DumpResult directoryDump = dumps.dump("main", DumpOptions.defaults().withFormat(DumpFormat.DIRECTORY).withJobs(2));
            assertThat(directoryDump.files()).isGreaterThan(3);

            dumps.load(plain.dumpId(), "plain", LoadOptions.defaults().withCreate());
            dumps.load(directoryDump.dumpId(), "dir", LoadOptions.defaults().withCreate().withJobs(2));

            List<DumpInfo> listed = dumps.list(Optional.of("main"));
            assertThat(listed).extracting(DumpInfo::format).containsExactly(DumpFormat.PLAIN, DumpFormat.DIRECTORY);
            assertThat(listed.get(1).entries()).hasSize(directoryDump.files());
        }
        assertThat(PostgresFixture.checksums(target, "plain_copy", PostgresFixture.TABLES)).isEqualTo(original);
        assertThat(PostgresFixture.checksums(target, "dir_copy", PostgresFixture.TABLES)).isEqualTo(original);
    }

    @Test
    void oneTableLoadsWithItsIndexesAndSequence() throws Exception {
        PostgresFixture.execute(target, "cairn", "CREATE DATABASE one_table");
        try (DataManager dm = TestSetup.dataManager(main(), copy("one", "one_table"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("main", DumpOptions.defaults());
            dumps.load(dump.shortId(), "one", LoadOptions.defaults().withTables("customers"));
        }
        assertThat(PostgresFixture.checksums(target, "one_table", "customers")).containsEntry("customers",
                original.get("customers"));
        assertThat(PostgresFixture.count(target, "one_table",
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isOne();
        assertThat(PostgresFixture.count(target, "one_table",
                "SELECT count(*) FROM pg_indexes WHERE tablename = 'customers'")).isEqualTo(2);
        // the owned sequence came along: new rows get the next id
        PostgresFixture.execute(target, "one_table", "INSERT INTO customers (name) VALUES ('new')");
        assertThat(PostgresFixture.count(target, "one_table", "SELECT max(id) FROM customers")).isEqualTo(4001);
    }

    @Test
    void nonEmptyTargetIsRefusedUnlessClean() throws Exception {
        PostgresFixture.execute(target, "cairn", "CREATE DATABASE busy");
        PostgresFixture.execute(target, "busy", "CREATE TABLE customers (id int)");
        try (DataManager dm = TestSetup.dataManager(main(), copy("busy", "busy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("main", DumpOptions.defaults());
            assertThatThrownBy(() -> dumps.load(dump.shortId(), "busy", LoadOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                    .hasMessageContaining("'busy' is not empty").hasMessageContaining("--clean");
            dumps.load("latest:main", "busy", LoadOptions.defaults().withClean());
        }
        assertThat(PostgresFixture.checksums(target, "busy", PostgresFixture.TABLES)).isEqualTo(original);
    }

    @Test
    void schemaOnlyThenDataOnlyRebuildTheDatabase() throws Exception {
        try (DataManager dm = TestSetup.dataManager(main(), copy("split", "split_copy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult schema = dumps.dump("main", DumpOptions.defaults().withSchemaOnly());
            DumpResult data = dumps.dump("main", DumpOptions.defaults().withDataOnly().withFormat(DumpFormat.PLAIN));
            dumps.load(schema.shortId(), "split", LoadOptions.defaults().withCreate());
            assertThat(PostgresFixture.count(target, "split_copy", "SELECT count(*) FROM orders")).isZero();
            dumps.load(data.shortId(), "split", LoadOptions.defaults().withForce());
            assertThat(dumps.info(data.shortId(), "main").dataOnly()).isTrue();
        }
        assertThat(PostgresFixture.checksums(target, "split_copy", PostgresFixture.TABLES)).isEqualTo(original);
    }

    @Test
    void killedPgDumpLeavesNoDumpAndSaysSo() {
        AtomicBoolean killed = new AtomicBoolean();
        try (DataManager dm = TestSetup.dataManager(main())) {
            Dumps dumps = Dumps.of(dm, repository);
            assertThatThrownBy(() -> dumps.dump("main", DumpOptions.defaults().withFormat(DumpFormat.PLAIN),
                    Children.killOnFirstProgress("pg_dump", killed)))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR))
                    .hasMessageContaining("database 'main': pg_dump failed: pg_dump was killed (signal 9)");
            assertThat(killed).isTrue();
            assertThat(dumps.list(Optional.empty())).isEmpty();
            assertThat(repository.snapshots()).isEmpty();
            // the next dump works and reuses what the killed one had already stored
            DumpResult next = dumps.dump("main", DumpOptions.defaults().withFormat(DumpFormat.PLAIN));
            assertThat(dumps.list(Optional.empty())).extracting(DumpInfo::dumpId).containsExactly(next.dumpId());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureWithoutThePassword() {
        DatabaseConfig wrong = TestSetup.database("main", DatabaseType.POSTGRESQL, source.cairnUrl(), "wrong-secret-value");
        try (DataManager dm = TestSetup.dataManager(wrong)) {
            assertThatThrownBy(() -> Dumps.of(dm, repository).dump("main", DumpOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                    .hasMessageContaining("'main'").hasMessageNotContaining("wrong-secret-value");
        }
    }

    @Test
    void damagedPacksAreRefusedBeforeAnythingIsWritten() throws Exception {
        try (DataManager dm = TestSetup.dataManager(main(), copy("copy", "damaged_copy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("main", DumpOptions.defaults());
            Corruption.flipBytesInPacks(directory.resolve("repo"));
            assertThatThrownBy(() -> dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withCreate()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
        }
        assertThat(PostgresFixture.count(target, "cairn",
                "SELECT count(*) FROM pg_database WHERE datname = 'damaged_copy'")).isZero();
    }

    @Test
    void dumpNotMatchingItsManifestIsRefusedBeforeAnythingIsWritten() throws Exception {
        PostgresFixture.execute(target, "cairn", "CREATE DATABASE forged_copy");
        try (DataManager dm = TestSetup.dataManager(main(), copy("copy", "forged_copy"))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("main", DumpOptions.defaults().withFormat(DumpFormat.PLAIN));
            String forged = Corruption.forgeDumpWithChangedByte(repository, dump.dumpId(), "postgresql", "main");
            assertThatThrownBy(() -> dumps.load(forged, "copy", LoadOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY))
                    .hasMessageContaining("but its manifest says").hasMessageContaining("nothing was written to 'copy'");
        }
        assertThat(PostgresFixture.count(target, "forged_copy",
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }
}
