package io.cairn.backup.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.backup.BackupType;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A server with wal_level = minimal can neither be backed up nor streamed; both errors say how to fix it. */
class WalLevelMinimalTest {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.builder().setting("wal_level", "minimal")
            .setting("max_wal_senders", "0").build();

    @TempDir
    Path temp;

    @Test
    void backupAndStreamingExplainWalLevel() {
        try (Repository repository = TestSupport.initRepository(temp.resolve("repo"));
                DataManager dataManager = TestSupport.dataManager("main", PG)) {
            PostgresBackups backups = new PostgresBackups(dataManager, repository);
            assertThatThrownBy(() -> backups.backup("main", BackupType.FULL))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                    .hasMessageContaining("wal_level = minimal").hasMessageContaining("wal_level = replica");
            assertThatThrownBy(() -> backups.walStreamer("main", WalStreamOptions.defaults("main")).start())
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                    .hasMessageContaining("wal_level = minimal");
            assertThat(repository.snapshots()).isEmpty();
        }
    }
}
