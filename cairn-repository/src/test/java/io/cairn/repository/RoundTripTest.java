package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.storage.LocalStorage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    @TempDir
    Path temp;

    @Test
    void restoresContentPermissionsTimesAndSymlinksByteIdentically() throws IOException {
        Path source = temp.resolve("source");
        buildTree(source);
        Path repoDir = temp.resolve("repo");
        try (Repository repository = TestRepositories.init(repoDir)) {
            List<Progress> reports = new ArrayList<>();
            BackupResult backup = repository.backupFiles(List.of(source), BackupOptions.defaults().withTags("t1"),
                    reports::add);
            assertThat(backup.files()).isEqualTo(6);
            assertThat(backup.warnings()).isEmpty();
            assertThat(reports).isNotEmpty();
            assertThat(reports.get(reports.size() - 1).bytesDone()).isEqualTo(backup.bytes());

            Path target = temp.resolve("target");
            RestoreResult restore = repository.restore(backup.snapshotId(), target, RestoreOptions.defaults(),
                    ProgressListener.NONE);
            assertThat(restore.files()).isEqualTo(6);
            assertThat(describe(target.resolve(source.toString().substring(1)))).isEqualTo(describe(source));
        }
    }

    @Test
    void wrongPassphraseIsWrongKey() {
        Path repoDir = temp.resolve("repo");
        TestRepositories.init(repoDir).close();
        assertThatThrownBy(() -> Repository.open(new LocalStorage(repoDir), Passphrase.of("nope")))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WRONG_KEY);
                    assertThat(e.getMessage()).contains(repoDir.toString()).contains("wrong passphrase")
                            .doesNotContain("nope");
                });
    }

    @Test
    void openingAMissingRepositoryIsNotFoundAndInitTwiceIsRefused() {
        Path repoDir = temp.resolve("repo");
        assertThatThrownBy(() -> TestRepositories.open(repoDir))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        TestRepositories.init(repoDir).close();
        assertThatThrownBy(() -> TestRepositories.init(repoDir))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION));
    }

    @Test
    void streamBackupDumpsBack() {
        byte[] data = new byte[3_000_000];
        new java.util.Random(7).nextBytes(data);
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            BackupResult result = repository.backupStream("db.dump", new ByteArrayInputStream(data),
                    repository.contentDefinedChunker(), BackupOptions.defaults(), ProgressListener.NONE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(repository.dump(result.shortId(), "db.dump", out)).isEqualTo(data.length);
            assertThat(java.util.Arrays.equals(out.toByteArray(), data)).as("dump equals the stream").isTrue();
            assertThat(repository.snapshot("latest").source()).isEqualTo("stream");
        }
    }

    private static void buildTree(Path source) throws IOException {
        TestRepositories.writeMixed(source.resolve("big.bin"), 1, 5_000_000);
        TestRepositories.writeMixed(source.resolve("sub/small.txt"), 2, 1000);
        Files.createFile(source.resolve("sub/empty"));
        TestRepositories.writeMixed(source.resolve("sub/deeper/exec.sh"), 3, 70_000);
        TestRepositories.writeMixed(source.resolve("sub/deeper/setuid"), 4, 10);
        Files.setAttribute(source.resolve("sub/deeper/exec.sh"), "unix:mode", 0750);
        Files.setAttribute(source.resolve("sub/deeper/setuid"), "unix:mode", 04711);
        Files.setAttribute(source.resolve("sub/small.txt"), "unix:mode", 0600);
        Files.createDirectories(source.resolve("emptydir"));
        Files.setAttribute(source.resolve("emptydir"), "unix:mode", 0700);
        Files.createSymbolicLink(source.resolve("link"), Path.of("sub/small.txt"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("../nowhere/at all"));
        Files.write(source.resolve("sub/deeper/same.bin"), Files.readAllBytes(source.resolve("big.bin")));
        Files.setLastModifiedTime(source.resolve("big.bin"), FileTime.from(Instant.parse("2020-01-02T03:04:05.123456789Z")));
        Files.setLastModifiedTime(source.resolve("sub"), FileTime.from(Instant.parse("2019-05-06T07:08:09.5Z")));
    }

    /** Every entry's type, mode, mtime, size, content hash and link target, by relative path. */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,lastModifiedTime,size",
                        LinkOption.NOFOLLOW_LINKS);
                String description = Integer.toOctalString((Integer) attributes.get("mode"));
                java.time.Instant mtime = ((FileTime) attributes.get("lastModifiedTime")).toInstant();
                if (Files.isSymbolicLink(path)) {
                    // the JDK sets a symlink's own times with lutimes(2): microseconds
                    description += " " + mtime.truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                            + " -> " + Files.readSymbolicLink(path);
                } else {
                    description += " " + mtime;
                }
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    description += " " + attributes.get("size") + " " + java.util.Arrays.hashCode(Files.readAllBytes(path));
                }
                entries.put(root.relativize(path).toString(), description);
            }
        }
        return entries;
    }
}
