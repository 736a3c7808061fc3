package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RestoredPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronous mode: with Cairn's application name in synchronous_standby_names, a commit returns
 * only once its WAL is in the repository, so killing the streamer (-9) right after the last commit
 * loses nothing: a restore to the latest point has every acknowledged commit (RPO zero).
 */
class SynchronousStreamingTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedCommitIsInTheRepositoryBeforeTheStreamerDies() throws Exception {
        TestSupport.traversable(temp);
        Path repositoryPath = temp.resolve("repo");
        TestSupport.initRepository(repositoryPath).close();
        TestSupport.execute(PG, "CREATE TABLE ledger (id int PRIMARY KEY, amount int)");
        try (Repository repository = TestSupport.openRepository(repositoryPath);
                DataManager dataManager = TestSupport.dataManager("main", PG);
                StreamerProcess streamer = StreamerProcess.create(PG, temp.resolve("streamer"), repositoryPath, true)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            backups.backup("main", BackupType.FULL);
            streamer.start();
            try {
                TestSupport.execute(PG, "ALTER SYSTEM SET synchronous_standby_names = 'cairn_main'",
                        "SELECT pg_reload_conf()");
                awaitSynchronous();
                int commits = 60;
                long began = System.nanoTime();
                try (Connection connection = TestSupport.connect(PG);
                        PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger VALUES (?, ?)")) {
                    for (int i = 1; i <= commits; i++) {
                        insert.setInt(1, i);
                        insert.setInt(2, i * 7);
                        insert.executeUpdate();
                    }
                }
                double millisPerCommit = (System.nanoTime() - began) / 1e6 / commits;
                streamer.kill();
                System.out.printf("[sync] %d synchronous commits, %.1f ms per commit%n", commits, millisPerCommit);
            } finally {
                try (Connection connection = TestSupport.connect(PG); Statement statement = connection.createStatement()) {
                    statement.execute("ALTER SYSTEM RESET synchronous_standby_names");
                    statement.execute("SELECT pg_reload_conf()");
                }
            }
            Path restored = temp.resolve("restored");
            backups.restore("main", RestoreRequest.to(restored).withTarget(RecoveryTarget.latest()).withStart());
            try (RestoredPostgres copy = RestoredPostgres.start(restored, PG); Connection connection = copy.connect()) {
                assertThat(TestSupport.text(connection, "SELECT count(*) || '/' || sum(amount) FROM ledger"))
                        .isEqualTo("60/" + 7 * 60 * 61 / 2);
            }
        }
    }

    private static void awaitSynchronous() {
        Await.until(Duration.ofSeconds(60), "Cairn's streamer to become a synchronous standby (state: its sync_state)",
                () -> TestSupport.text(PG, "SELECT coalesce((SELECT sync_state FROM pg_stat_replication"
                        + " WHERE application_name = 'cairn_main'), 'none')"),
                "sync"::equals);
    }
}
