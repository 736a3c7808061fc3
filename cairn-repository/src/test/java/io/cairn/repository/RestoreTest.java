package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore reads pack by pack: shared blobs, blobs spread over many packs, partial restores, damage. */
class RestoreTest {
    private static final Instant MTIME = Instant.parse("2024-03-04T05:06:07.123456789Z");

    @TempDir
    Path temp;

    @Test
    void aBlobUsedByManyFilesAndAtManyOffsetsIsWrittenEverywhere() throws IOException {
        byte[] block = random(1, 16 << 10);
        byte[] repeated = new byte[block.length * 40];
        for (int i = 0; i < 40; i++) {
            System.arraycopy(block, 0, repeated, i * block.length, block.length);
        }
        byte[] tail = random(2, 5000);
        byte[] mixed = concat(repeated, tail);
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            BackupResult backup;
            try (SnapshotBuilder builder = repository.newSnapshot("test", List.of("shared"), BackupOptions.defaults(),
                    ProgressListener.NONE)) {
                builder.addFile("repeated", FileMetadata.of(0640, MTIME), new ByteArrayInputStream(repeated),
                        new FixedChunker(block.length));
                builder.addFile("mixed", FileMetadata.of(0600, MTIME), new ByteArrayInputStream(mixed),
                        new FixedChunker(block.length));
                for (int i = 0; i < 30; i++) {
                    builder.addFile("copies/c" + i, FileMetadata.of(0644, MTIME), new ByteArrayInputStream(block),
                            new FixedChunker(block.length));
                }
                builder.addFile("empty", FileMetadata.of(0600, MTIME), new ByteArrayInputStream(new byte[0]),
                        new FixedChunker(block.length));
                backup = builder.commit();
            }
            assertThat(backup.blobsAdded()).isLessThanOrEqualTo(3 + 2); // block, tail, trees

            Path target = temp.resolve("out");
            Files.createDirectories(target);
            Files.write(target.resolve("repeated"), random(3, 1_000_000)); // longer: must be truncated
            RestoreResult result = repository.restore(backup.snapshotId(), target,
                    RestoreOptions.defaults().withoutOwnership(), ProgressListener.NONE);

            assertThat(result.files()).isEqualTo(33);
            assertThat(result.bytes()).isEqualTo(repeated.length + mixed.length + 30L * block.length);
            assertThat(Files.readAllBytes(target.resolve("repeated"))).isEqualTo(repeated);
            assertThat(Files.readAllBytes(target.resolve("mixed"))).isEqualTo(mixed);
            for (int i = 0; i < 30; i++) {
                Path copy = target.resolve("copies/c" + i);
                assertThat(Files.readAllBytes(copy)).isEqualTo(block);
                assertThat(Files.getLastModifiedTime(copy).toInstant()).isEqualTo(MTIME);
                assertThat(Files.getAttribute(copy, "unix:mode")).isEqualTo(0100644);
            }
            assertThat(Files.size(target.resolve("empty"))).isZero();
            assertThat(Files.getLastModifiedTime(target.resolve("repeated")).toInstant()).isEqualTo(MTIME);
            assertThat(Files.getAttribute(target.resolve("repeated"), "unix:mode")).isEqualTo(0100640);
        }
    }

    @Test
    void aSnapshotWhoseBlobsAreSpreadOverManyPacksRestoresWholeAndInParts() throws IOException {
        Path source = temp.resolve("source");
        Path repoDir = temp.resolve("repo");
        try (Repository repository = TestRepositories.init(repoDir)) {
            for (int round = 0; round < 4; round++) {
                TestRepositories.writeMixed(source.resolve("round" + round + ".bin"), round, 1_500_000);
                appendTo(source.resolve("grows.bin"), random(100 + round, 700_000));
                repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            }
            assertThat(packs(repoDir)).hasSizeGreaterThanOrEqualTo(8);

            Path whole = temp.resolve("whole");
            RestoreResult result = repository.restore("latest", whole, RestoreOptions.defaults(), ProgressListener.NONE);
            assertThat(result.files()).isEqualTo(5);
            assertThat(RoundTripTest.describe(whole.resolve(source.toString().substring(1))))
                    .isEqualTo(RoundTripTest.describe(source));

            Path part = temp.resolve("part");
            String grows = source.resolve("grows.bin").toString();
            RestoreResult partial = repository.restore("latest", part, RestoreOptions.defaults().withIncludes(grows),
                    ProgressListener.NONE);
            assertThat(partial.files()).isEqualTo(1);
            assertThat(Files.readAllBytes(part.resolve(grows.substring(1))))
                    .isEqualTo(Files.readAllBytes(source.resolve("grows.bin")));
        }
    }

    @Test
    void aDamagedPackFailsTheRestoreNamingSnapshotFileAndPack() throws IOException {
        Path source = temp.resolve("source");
        Path repoDir = temp.resolve("repo");
        TestRepositories.writeMixed(source.resolve("big.bin"), 5, 4_000_000);
        try (Repository repository = TestRepositories.init(repoDir)) {
            BackupResult backup = repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            Path pack = packs(repoDir).stream().max(Comparator.comparingLong(RestoreTest::size)).orElseThrow();
            CorruptionTest.flip(pack, size(pack) / 2);
            assertThatThrownBy(() -> repository.restore(backup.snapshotId(), temp.resolve("out"),
                    RestoreOptions.defaults(), ProgressListener.NONE)).isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY);
                        assertThat(e.getMessage()).contains("snapshot " + backup.shortId())
                                .contains("cannot restore " + source.resolve("big.bin"))
                                .contains(repoDir.relativize(pack).toString());
                    });
        }
    }

    @Test
    void aTruncatedPackIsAnIntegrityError() throws IOException {
        Path source = temp.resolve("source");
        Path repoDir = temp.resolve("repo");
        TestRepositories.writeMixed(source.resolve("big.bin"), 6, 3_000_000);
        try (Repository repository = TestRepositories.init(repoDir)) {
            BackupResult backup = repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            Path pack = packs(repoDir).stream().max(Comparator.comparingLong(RestoreTest::size)).orElseThrow();
            try (var channel = java.nio.channels.FileChannel.open(pack, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(size(pack) / 3);
            }
            assertThatThrownBy(() -> repository.restore(backup.snapshotId(), temp.resolve("out"),
                    RestoreOptions.defaults(), ProgressListener.NONE)).isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY);
                        assertThat(e.getMessage()).contains("cannot restore").contains(repoDir.relativize(pack).toString());
                    });
        }
    }

    @Test
    void eachPackIsReadInFewRangesNotBlobByBlob() throws IOException {
        Path source = temp.resolve("source");
        for (int i = 0; i < 12; i++) {
            TestRepositories.writeMixed(source.resolve("f" + i + ".bin"), 200 + i, 700_000);
        }
        CountingStorage storage = new CountingStorage(new io.cairn.repository.storage.LocalStorage(temp.resolve("repo")));
        try (Repository repository = Repository.init(storage, TestRepositories.PASSPHRASE, TestRepositories.smallOptions())) {
            BackupResult backup = repository.backupFiles(List.of(source), BackupOptions.defaults(), ProgressListener.NONE);
            int packs = packs(temp.resolve("repo")).size();
            storage.rangedReads.set(0);
            repository.restore("latest", temp.resolve("out"), RestoreOptions.defaults(), ProgressListener.NONE);
            // blob by blob this was one read per blob (about 80 here); now about one per pack,
            // plus one per tree (5 directory levels down to the source)
            assertThat(backup.blobsAdded()).isGreaterThan(60);
            assertThat(storage.rangedReads.get()).isLessThanOrEqualTo(packs + source.getNameCount() + 2);
            assertThat(RoundTripTest.describe(temp.resolve("out").resolve(source.toString().substring(1))))
                    .isEqualTo(RoundTripTest.describe(source));
        }
    }

    /** Counts ranged reads (what a restore issues), delegating everything. */
    private static final class CountingStorage implements io.cairn.repository.storage.Storage {
        private final io.cairn.repository.storage.Storage delegate;
        private final java.util.concurrent.atomic.AtomicInteger rangedReads = new java.util.concurrent.atomic.AtomicInteger();

        CountingStorage(io.cairn.repository.storage.Storage delegate) {
            this.delegate = delegate;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public List<io.cairn.repository.storage.StoredObject> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public byte[] read(String name) {
            return delegate.read(name);
        }

        @Override
        public byte[] read(String name, long offset, int length) {
            rangedReads.incrementAndGet();
            return delegate.read(name, offset, length);
        }

        @Override
        public void write(String name, byte[] content) {
            delegate.write(name, content);
        }

        @Override
        public boolean delete(String name) {
            return delegate.delete(name);
        }

        @Override
        public java.util.Optional<io.cairn.repository.storage.StoredObject> stat(String name) {
            return delegate.stat(name);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static void appendTo(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static List<Path> packs(Path repoDir) throws IOException {
        try (Stream<Path> walk = Files.walk(repoDir.resolve("data"))) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).toList());
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
