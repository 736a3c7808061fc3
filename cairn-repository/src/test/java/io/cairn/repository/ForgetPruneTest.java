package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.storage.LocalStorage;

import io.cairn.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgetPruneTest {
    @TempDir
    Path temp;
    /** Starts at the real time because prune compares it with the storage's file times. */
    final Instant start = Instant.now();
    final TestClock clock = new TestClock(start);

    Repository open() {
        return Repository.open(new LocalStorage(temp.resolve("repo")), TestRepositories.PASSPHRASE,
                RepositoryOptions.defaults().withClock(clock));
    }

    @Test
    void forgetByPolicyThenPruneRepacksAndKeepsWhatSnapshotsUse() throws IOException {
        Repository.init(new LocalStorage(temp.resolve("repo")), TestRepositories.PASSPHRASE,
                TestRepositories.smallOptions()).close();
        byte[][] days = new byte[4][];
        try (Repository repository = open()) {
            for (int day = 0; day < 4; day++) {
                days[day] = data(day, 1_500_000);
                repository.backupStream("dump.sql", new ByteArrayInputStream(days[day]), repository.contentDefinedChunker(),
                        BackupOptions.defaults(), ProgressListener.NONE);
                clock.advance(Duration.ofDays(1));
            }
            RetentionPolicy policy = RetentionPolicy.none().withZone(ZoneOffset.UTC).withKeepDaily(2);
            ForgetResult dryRun = repository.forget(policy, true);
            assertThat(dryRun.removed()).isEqualTo(2);
            assertThat(repository.snapshots()).hasSize(4);
            ForgetResult forget = repository.forget(policy, false);
            assertThat(forget.groups()).singleElement().satisfies(group -> {
                assertThat(group.keep()).allMatch(kept -> kept.reasons().equals(List.of("daily snapshot")));
                assertThat(group.remove()).hasSize(2);
            });
            assertThat(repository.snapshots()).hasSize(2);

            long before = repositoryBytes();
            PruneResult dry = repository.prune(PruneOptions.defaults().withDryRun(), ProgressListener.NONE);
            assertThat(repositoryBytes()).isEqualTo(before);
            PruneResult prune = repository.prune(PruneOptions.defaults().withMaxUnused(0), ProgressListener.NONE);
            assertThat(prune.packsDeleted()).isEqualTo(dry.packsDeleted()).isPositive();
            assertThat(prune.packsRepacked()).isEqualTo(dry.packsRepacked());
            assertThat(prune.blobsRemoved()).isPositive();
            assertThat(repositoryBytes()).isLessThan(before);
            assertThat(repository.check(true, ProgressListener.NONE).ok()).isTrue();
            for (SnapshotInfo snapshot : repository.snapshots()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                repository.dump(snapshot.id(), "dump.sql", out);
                int day = (int) Duration.between(start, snapshot.time()).toDays();
                assertThat(java.util.Arrays.equals(out.toByteArray(), days[day])).as("dump of day %d", day).isTrue();
            }
            PruneResult again = repository.prune(PruneOptions.defaults().withMaxUnused(0), ProgressListener.NONE);
            assertThat(again.packsDeleted()).isZero();
            assertThat(again.indexFilesWritten()).isZero();
        }
    }

    @Test
    void packsOfAnAbandonedBackupAreReusedAndOnlyPrunedAfterTheGracePeriod() throws IOException {
        Repository.init(new LocalStorage(temp.resolve("repo")), TestRepositories.PASSPHRASE,
                TestRepositories.smallOptions()).close();
        byte[] data = data(1, 4_000_000);
        try (Repository repository = open()) {
            try (SnapshotBuilder abandoned = repository.newSnapshot("stream", List.of("x"), BackupOptions.defaults(),
                    ProgressListener.NONE)) {
                abandoned.addFile("x", FileMetadata.of(0600, clock.instant()), new ByteArrayInputStream(data),
                        repository.contentDefinedChunker());
            }
            CheckResult check = repository.check(false, ProgressListener.NONE);
            assertThat(check.errors()).isEmpty();
            assertThat(check.warnings()).isNotEmpty().allMatch(problem -> problem.message().contains("in no index"));

            BackupResult backup = repository.backupStream("x", new ByteArrayInputStream(data),
                    repository.contentDefinedChunker(), BackupOptions.defaults(), ProgressListener.NONE);
            assertThat(backup.packsAdopted()).isPositive();
            assertThat(backup.dataAdded()).isLessThan(data.length / 2);
            assertThat(repository.check(true, ProgressListener.NONE).warnings()).isEmpty();

            try (SnapshotBuilder abandoned = repository.newSnapshot("stream", List.of("y"), BackupOptions.defaults(),
                    ProgressListener.NONE)) {
                abandoned.addFile("y", FileMetadata.of(0600, clock.instant()), new ByteArrayInputStream(data(2, 4_000_000)),
                        repository.contentDefinedChunker());
            }
            long before = repositoryBytes();
            PruneResult young = repository.prune(PruneOptions.defaults(), ProgressListener.NONE);
            assertThat(young.orphanPacksKept()).isPositive();
            assertThat(young.packsDeleted()).isZero();
            assertThat(repositoryBytes()).isEqualTo(before);

            clock.advance(Duration.ofHours(25));
            PruneResult old = repository.prune(PruneOptions.defaults(), ProgressListener.NONE);
            assertThat(old.packsDeleted()).isEqualTo(young.orphanPacksKept());
            assertThat(repository.check(true, ProgressListener.NONE).warnings()).isEmpty();
        }
    }

    private long repositoryBytes() throws IOException {
        try (Stream<Path> walk = Files.walk(temp.resolve("repo/data"))) {
            return walk.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static byte[] data(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
