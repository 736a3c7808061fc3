package io.cairn.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.cairn.Cairn;
import io.cairn.cli.CliRun;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotBuilder;
import io.cairn.repository.SnapshotFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the repository commands say when things go wrong (issue 12, item 8): check's findings do not
 * advise running the check that found them, a full disk names the fix, and a backup that picks up
 * an interrupted backup's packs says so.
 */
class ErrorWordingTest {
    @TempDir
    Path dir;
    Path repo;
    Path passwordFile;
    Path source;

    @BeforeEach
    void setUp() throws IOException {
        repo = dir.resolve("repo");
        passwordFile = Files.writeString(dir.resolve("pass"), "correct horse battery staple\n");
        source = Files.createDirectories(dir.resolve("source"));
    }

    private CliRun cairn(String... args) {
        return CliRun.of(Stream.concat(Stream.of(args), Stream.of("--repo", repo.toString(), "--password-file",
                passwordFile.toString())).toArray(String[]::new));
    }

    @Test
    void checkReadDataDoesNotAdviseRunningItself() throws IOException {
        Files.write(source.resolve("random.bin"), random(1, 300_000));
        assertThat(cairn("repo", "init").exitCode()).isZero();
        assertThat(cairn("backup", "files", source.toString()).exitCode()).isZero();
        for (Path pack : packs()) {
            flip(pack, 100);
        }

        CliRun check = cairn("check", "--read-data");

        assertThat(check.exitCode()).isEqualTo(7);
        assertThat(check.out()).contains("error: ").contains("affects snapshots").doesNotContain("cairn check --read-data");
        CliRun restore = cairn("restore", "latest", "--target", dir.resolve("out").toString());
        assertThat(restore.exitCode()).isEqualTo(7);
        assertThat(restore.err()).contains("run `cairn check --read-data`");
    }

    @Test
    void diskFullNamesTheFix() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        assumeTrue(mountSmallTmpfs(small), "mounting a 2 MiB tmpfs needs root and a kernel that allows it here");
        try {
            repo = small.resolve("repo");
            Files.write(source.resolve("random.bin"), random(2, 6_000_000));
            assertThat(cairn("repo", "init").exitCode()).isZero();

            CliRun backup = cairn("backup", "files", source.toString());

            assertThat(backup.exitCode()).as(backup.err()).isEqualTo(10);
            assertThat(backup.err().lines().toList()).hasSize(1);
            assertThat(backup.err()).contains("no space left on device; free space on the device holding " + repo)
                    .contains("point the repository elsewhere").contains("then run the command again (what was written is reused)");
        } finally {
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void backupSaysItReusedThePacksOfAnInterruptedOne() throws IOException {
        byte[] content = random(3, 48_000_000);
        Files.write(source.resolve("big.bin"), content);
        assertThat(cairn("repo", "init").exitCode()).isZero();
        // a backup that stored packs and then stopped before its snapshot: what Ctrl-C or a kill leaves
        try (Cairn cairn = Cairn.withoutConfiguration().repository(repo.toString()).passwordFile(passwordFile).open()) {
            Repository repository = cairn.repository();
            try (SnapshotBuilder abandoned = repository.newSnapshot(SnapshotFilter.FILES_SOURCE, List.of(source.toString()),
                    BackupOptions.defaults(), ProgressListener.NONE)) {
                abandoned.addFile("big.bin", FileMetadata.of(0644, Instant.now()), new ByteArrayInputStream(content),
                        repository.contentDefinedChunker());
            }
        }
        assertThat(packs()).isNotEmpty();

        CliRun backup = cairn("backup", "files", source.toString());

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out().lines().findFirst().orElseThrow()).matches(
                "snapshot [0-9a-f]{8} saved; reused \\d+ packs? left by an interrupted backup");
    }

    private List<Path> packs() throws IOException {
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).toList();
        }
    }

    private static boolean mountSmallTmpfs(Path at) throws IOException, InterruptedException {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        return mount.waitFor(1, TimeUnit.MINUTES) && mount.exitValue() == 0;
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(offset);
            int value = access.read();
            access.seek(offset);
            access.write(value ^ 0x01);
        }
    }
}
