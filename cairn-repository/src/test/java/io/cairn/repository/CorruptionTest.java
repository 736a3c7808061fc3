package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flipped byte anywhere is found by check, traced to snapshots and files, and stops restore. */
class CorruptionTest {
    @TempDir
    Path temp;
    Path repoDir;
    BackupResult first;
    BackupResult second;
    Set<Path> firstPacks;

    @BeforeEach
    void twoSnapshotsWithSeparatePacks() throws IOException {
        repoDir = temp.resolve("repo");
        TestRepositories.writeMixed(temp.resolve("a/one.bin"), 1, 600_000);
        TestRepositories.writeMixed(temp.resolve("a/two.bin"), 2, 600_000);
        TestRepositories.writeMixed(temp.resolve("b/three.bin"), 3, 600_000);
        try (Repository repository = TestRepositories.init(repoDir)) {
            first = repository.backupFiles(List.of(temp.resolve("a")), BackupOptions.defaults(), ProgressListener.NONE);
            firstPacks = new HashSet<>(files("data"));
            second = repository.backupFiles(List.of(temp.resolve("b")), BackupOptions.defaults(), ProgressListener.NONE);
        }
    }

    @Test
    void flippedByteInADataPack() throws IOException {
        Path pack = firstPacks.stream().max(Comparator.comparingLong(CorruptionTest::size)).orElseThrow();
        flip(pack, 100);
        try (Repository repository = TestRepositories.open(repoDir)) {
            assertThat(repository.check(false, ProgressListener.NONE).errors()).isEmpty();
            CheckResult check = repository.check(true, ProgressListener.NONE);
            assertThat(check.ok()).isFalse();
            CheckProblem problem = check.errors().stream().filter(p -> p.snapshots().size() > 0).findFirst().orElseThrow();
            assertThat(problem.resource()).isEqualTo(name(pack));
            assertThat(problem.snapshots()).containsExactly(first.shortId());
            assertThat(problem.files()).isNotEmpty().allMatch(file -> file.startsWith(first.shortId() + ":/"));
            assertThatThrownBy(() -> repository.restore(first.snapshotId(), temp.resolve("out1"), RestoreOptions.defaults(),
                    ProgressListener.NONE)).isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY);
                        assertThat(e.getMessage()).contains(first.shortId()).contains(name(pack)).contains("cannot restore");
                    });
            RestoreResult other = repository.restore(second.snapshotId(), temp.resolve("out2"), RestoreOptions.defaults(),
                    ProgressListener.NONE);
            assertThat(other.files()).isEqualTo(1);
        }
    }

    @Test
    void flippedByteInAnIndexFileIsReportedAndPruneRebuildsTheIndex() throws IOException {
        Path index = files("index").get(0);
        flip(index, (int) size(index) / 2);
        try (Repository repository = TestRepositories.open(repoDir)) {
            CheckResult check = repository.check(false, ProgressListener.NONE);
            assertThat(check.errors()).anySatisfy(problem -> {
                assertThat(problem.kind()).isEqualTo("index");
                assertThat(problem.resource()).isEqualTo(name(index));
            });
            assertThat(check.errors().stream().flatMap(p -> p.snapshots().stream())).isNotEmpty();
            PruneResult prune = repository.prune(PruneOptions.defaults(), ProgressListener.NONE);
            assertThat(prune.orphanPacksAdopted()).isPositive();
            assertThat(repository.check(true, ProgressListener.NONE).errors()).isEmpty();
            assertThat(repository.restore(first.snapshotId(), temp.resolve("out"), RestoreOptions.defaults(),
                    ProgressListener.NONE).files()).isEqualTo(2);
        }
    }

    @Test
    void flippedByteInASnapshotFile() throws IOException {
        Path snapshot = repoDir.resolve("snapshots").resolve(first.snapshotId());
        flip(snapshot, 40);
        try (Repository repository = TestRepositories.open(repoDir)) {
            CheckResult check = repository.check(false, ProgressListener.NONE);
            assertThat(check.errors()).singleElement().satisfies(problem -> {
                assertThat(problem.kind()).isEqualTo("snapshot");
                assertThat(problem.resource()).isEqualTo("snapshots/" + first.snapshotId());
                assertThat(problem.snapshots()).containsExactly(first.shortId());
            });
            assertThat(repository.snapshots()).extracting(SnapshotInfo::id).containsExactly(second.snapshotId());
            assertThatThrownBy(() -> repository.restore(first.snapshotId(), temp.resolve("out"), RestoreOptions.defaults(),
                    ProgressListener.NONE)).isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY));
        }
    }

    @Test
    void flippedByteInATreePackIsFoundWithoutReadingData() throws IOException {
        Path treePack = firstPacks.stream().min(Comparator.comparingLong(CorruptionTest::size)).orElseThrow();
        flip(treePack, 20);
        try (Repository repository = TestRepositories.open(repoDir)) {
            CheckResult check = repository.check(false, ProgressListener.NONE);
            assertThat(check.errors()).anySatisfy(problem -> {
                assertThat(problem.kind()).isEqualTo("tree");
                assertThat(problem.snapshots()).containsExactly(first.shortId());
            });
        }
    }

    private List<Path> files(String directory) throws IOException {
        try (Stream<Path> walk = Files.walk(repoDir.resolve(directory))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private String name(Path file) {
        return repoDir.relativize(file).toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(offset);
            int value = access.read();
            access.seek(offset);
            access.write(value ^ 0x01);
        }
    }
}
