package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.config.Secret;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each failure a user can run into gives a clear error (code, resource, fix); a corrupt page is named. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErrorsTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @TempDir
    static Path temp;

    static Repository repository;
    static DataManager dataManager;
    static PostgresBackups backups;

    @BeforeAll
    static void open() throws Exception {
        TestSupport.traversable(temp);
        repository = TestSupport.initRepository(temp.resolve("repo"));
        dataManager = TestSupport.dataManager("main", PG);
        backups = new PostgresBackups(dataManager, repository);
    }

    @AfterAll
    static void close() {
        dataManager.close();
        repository.close();
    }

    @Test
    @Order(1)
    void restoreWithoutAnyBackupSaysHowToTakeOne() {
        assertThatThrownBy(() -> backups.restore("main", RestoreRequest.to(temp.resolve("none"))))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no backups").hasMessageContaining("cairn pg backup --db main");
    }

    @Test
    @Order(2)
    void corruptPageIsNamedWithFileAndBlock() throws Exception {
        TestSupport.execute(PG, "CREATE TABLE victim (id int, filler text)",
                "INSERT INTO victim SELECT g, repeat('v', 200) FROM generate_series(1, 2000) g", "CHECKPOINT");
        String file = TestSupport.text(PG, "SELECT pg_relation_filepath('victim')");
        PG.stop();
        try (RandomAccessFile data = new RandomAccessFile(PG.dataDirectory().resolve(file).toFile(), "rw")) {
            data.seek(8192 * 3 + 4000);
            int value = data.read();
            data.seek(8192 * 3 + 4000);
            data.write(value ^ 0x5A);
        }
        PG.start();
        PgBackupResult result = backups.backup("main", BackupType.FULL);
        assertThat(result.corruptPages()).singleElement().satisfies(page -> {
            assertThat(page.file()).isEqualTo(file);
            assertThat(page.block()).isEqualTo(3);
            assertThat(page.computed()).isNotEqualTo(page.stored());
        });
        assertThat(backups.backups("main").backups()).singleElement()
                .satisfies(backup -> assertThat(backup.corruptPages()).isEqualTo(1));
        TestSupport.execute(PG, "DROP TABLE victim");
    }

    @Test
    @Order(3)
    void targetBeforeTheOldestBackupOrAfterTheNewestWalIsRefused() {
        PgBackupInfo oldest = backups.backups("main").backups().get(0);
        assertThatThrownBy(() -> backups.restore("main", RestoreRequest.to(temp.resolve("early"))
                .withTarget(RecoveryTarget.time(oldest.stopTime().minus(Duration.ofHours(1))))))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                .hasMessageContaining("before the oldest backup");
        assertThatThrownBy(() -> backups.restore("main", RestoreRequest.to(temp.resolve("late"))
                .withTarget(RecoveryTarget.time(java.time.Instant.now().plus(Duration.ofHours(1))))))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                .hasMessageContaining("after the newest archived WAL");
        assertThatThrownBy(() -> backups.restore("main", RestoreRequest.to(temp.resolve("late-lsn"))
                .withTarget(RecoveryTarget.lsn("7F/0"))))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                .hasMessageContaining("after the newest archived WAL");
        assertThat(temp.resolve("early")).doesNotExist();
    }

    @Test
    @Order(4)
    void targetDirectoryMustBeEmpty() throws Exception {
        Path target = Files.createDirectories(temp.resolve("occupied"));
        Files.writeString(target.resolve("PG_VERSION"), "15\n");
        assertThatThrownBy(() -> backups.restore("main", RestoreRequest.to(target)))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                .hasMessageContaining(target.toString()).hasMessageContaining("not empty");
        assertThat(Files.readString(target.resolve("PG_VERSION"))).isEqualTo("15\n");
    }

    @Test
    @Order(5)
    void missingSlotIsNamedWithHowToCreateIt() {
        WalStreamer streamer = backups.walStreamer("main", WalStreamOptions.defaults("main").withSlot("no_such_slot")
                .withCreateSlot(false));
        assertThatThrownBy(streamer::start)
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no_such_slot").hasMessageContaining("pg_create_physical_replication_slot");
    }

    @Test
    @Order(6)
    void userWithoutReplicationPermissionIsToldToGrantIt() throws Exception {
        TestSupport.execute(PG, "CREATE ROLE plain LOGIN PASSWORD 'plain-secret'");
        DatabaseConfig plain = DatabaseConfig.of("main", DatabaseType.POSTGRESQL,
                DatabaseUrl.parse("postgresql://plain@127.0.0.1:" + PG.port() + "/cairn", 5432),
                Optional.of(Secret.of("plain-secret")));
        try (DataManager manager = DataManager.open(CairnConfig.of(List.of(plain)))) {
            PostgresBackups limited = new PostgresBackups(manager, repository);
            assertThatThrownBy(() -> limited.walStreamer("main", WalStreamOptions.defaults("main")).start())
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                    .hasMessageContaining("ALTER ROLE plain REPLICATION").hasMessageNotContaining("plain-secret");
            TestSupport.execute(PG, "SELECT pg_create_physical_replication_slot('cairn_main', true)");
            assertThatThrownBy(() -> limited.walStreamer("main", WalStreamOptions.defaults("main")).start())
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                    .hasMessageContaining("ALTER ROLE plain REPLICATION");
        } finally {
            TestSupport.execute(PG, "SELECT pg_drop_replication_slot('cairn_main')");
        }
    }
}
