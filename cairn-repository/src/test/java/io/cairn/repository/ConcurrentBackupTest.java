package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes' worth of backups (separate Repository instances) into one repository at once. */
class ConcurrentBackupTest {
    @TempDir
    Path temp;

    @Test
    void concurrentBackupsBothSucceedAndShareData() throws Exception {
        Path repoDir = temp.resolve("repo");
        TestRepositories.init(repoDir).close();
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path source = temp.resolve("source" + i);
            TestRepositories.writeMixed(source.resolve("own.bin"), 10 + i, 3_000_000);
            TestRepositories.writeMixed(source.resolve("shared.bin"), 99, 3_000_000);
            sources.add(source);
        }
        ExecutorService executor = Executors.newFixedThreadPool(sources.size());
        List<Future<BackupResult>> results = new ArrayList<>();
        for (Path source : sources) {
            results.add(executor.submit(() -> {
                try (Repository repository = TestRepositories.open(repoDir)) {
                    return repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
                }
            }));
        }
        List<BackupResult> done = new ArrayList<>();
        for (Future<BackupResult> result : results) {
            done.add(result.get());
        }
        executor.shutdown();
        try (Repository repository = TestRepositories.open(repoDir)) {
            assertThat(repository.snapshots()).hasSize(3);
            CheckResult check = repository.check(true, ProgressListener.NONE);
            assertThat(check.errors()).isEmpty();
            for (int i = 0; i < sources.size(); i++) {
                Path target = temp.resolve("target" + i);
                repository.restore(done.get(i).snapshotId(), target, RestoreOptions.defaults(), ProgressListener.NONE);
                assertThat(RoundTripTest.describe(target.resolve(sources.get(i).toString().substring(1))))
                        .isEqualTo(RoundTripTest.describe(sources.get(i)));
            }
            PruneResult prune = repository.prune(PruneOptions.defaults().withMaxUnused(0), ProgressListener.NONE);
            assertThat(repository.check(true, ProgressListener.NONE).errors()).isEmpty();
            assertThat(prune.blobsUsed()).isPositive();
        }
        assertThat(Files.list(repoDir.resolve("locks")).count()).isZero();
    }
}
