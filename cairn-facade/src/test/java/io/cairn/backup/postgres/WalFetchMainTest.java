package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import io.cairn.wal.WalFetchMain;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link WalFetchMain} as restore_command: exit 0 copied, 1 not archived, 126 on an error (wrong passphrase). */
class WalFetchMainTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    @TempDir
    static Path temp;

    @Test
    void exitCodesFollowRestoreCommandRules() throws Exception {
        TestSupport.traversable(temp);
        Path repo = temp.resolve("repo");
        String segment;
        try (Repository repository = TestSupport.initRepository(repo);
             DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            TestSupport.execute(PG, "SELECT pg_switch_wal()", "CREATE TABLE t (id int)", "SELECT pg_switch_wal()");
            assertThat(TestSupport.pushWalSegments(PG, backups, "main")).isPositive();
            segment = backups.backups("main").wal().get(0).firstSegment();
        }
        Path passphrase = TestSupport.passwordFile(Files.createDirectories(temp.resolve("secrets")));
        Path wrong = temp.resolve("secrets/wrong");
        Files.writeString(wrong, "not the passphrase\n");
        Path destination = temp.resolve("fetched");

        assertThat(WalFetchMain.run(new String[] {"--repo", repo.toString(), "--password-file", passphrase.toString(),
                "--db", "main", segment, destination.toString()})).isEqualTo(0);
        assertThat(Files.size(destination)).isEqualTo(16L << 20);
        assertThat(WalFetchMain.run(new String[] {"--repo", repo.toString(), "--password-file", passphrase.toString(),
                "--db", "main", "00000001000000FF00000000", destination.toString()})).isEqualTo(1);
        assertThat(WalFetchMain.run(new String[] {"--repo", repo.toString(), "--password-file", wrong.toString(),
                "--db", "main", segment, destination.toString()})).isEqualTo(126);
    }
}
