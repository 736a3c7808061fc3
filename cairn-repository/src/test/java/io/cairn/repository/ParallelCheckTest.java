package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check --read-data verifies packs on several threads yet reports the same findings every time. */
class ParallelCheckTest {
    @TempDir
    Path temp;

    @Test
    void damageInSeveralPacksIsReportedCompletelyAndInTheSameOrder() throws IOException {
        Path repoDir = temp.resolve("repo");
        Path source = temp.resolve("source");
        try (Repository repository = Repository.init(new io.cairn.repository.storage.LocalStorage(repoDir),
                TestRepositories.PASSPHRASE, TestRepositories.smallOptions(),
                RepositoryOptions.defaults().withWorkers(3))) {
            for (int i = 0; i < 6; i++) {
                TestRepositories.writeMixed(source.resolve("f" + i + ".bin"), 40 + i, 1_200_000);
            }
            repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            List<Path> packs = dataPacks(repoDir);
            assertThat(packs).hasSizeGreaterThanOrEqualTo(5);
            CheckResult clean = repository.check(true, ProgressListener.NONE);
            assertThat(clean.errors()).isEmpty();
            assertThat(clean.bytesRead()).isEqualTo(packs.stream().mapToLong(ParallelCheckTest::size).sum());

            List<Path> damaged = List.of(packs.get(0), packs.get(2), packs.get(4));
            for (Path pack : damaged) {
                CorruptionTest.flip(pack, 50);
            }
            CheckResult first = repository.check(true, ProgressListener.NONE);
            CheckResult second = repository.check(true, ProgressListener.NONE);
            assertThat(first.errors()).isEqualTo(second.errors());
            assertThat(first.errors()).extracting(CheckProblem::resource)
                    .containsAll(damaged.stream().map(pack -> repoDir.relativize(pack).toString()).toList());
        }
    }

    private static List<Path> dataPacks(Path repoDir) throws IOException {
        try (Stream<Path> walk = Files.walk(repoDir.resolve("data"))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
