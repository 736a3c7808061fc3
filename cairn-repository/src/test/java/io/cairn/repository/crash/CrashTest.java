package io.cairn.repository.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.BackupOptions;
import io.cairn.repository.BackupResult;
import io.cairn.repository.CheckResult;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.LockInfo;
import io.cairn.repository.Passphrase;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotBuilder;
import io.cairn.repository.SnapshotInfo;
import io.cairn.repository.storage.LocalStorage;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a real child JVM in the middle of a backup or a prune loses nothing. */
class CrashTest {
    private static final String PASSPHRASE = "crash test passphrase";

    @TempDir
    Path temp;

    private Repository init() {
        return Repository.init(new LocalStorage(temp.resolve("repo")), Passphrase.of(PASSPHRASE),
                InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1)).withPackSize(1 << 20)
                        .withChunkSizes(64 << 10, 256 << 10, 1 << 20));
    }

    private Repository open() {
        return Repository.open(new LocalStorage(temp.resolve("repo")), Passphrase.of(PASSPHRASE));
    }

    @Test
    void killedBackupLeavesACheckableRepositoryAndItsPacksAreReused() throws Exception {
        init().close();
        int size = 24 << 20;
        killWhenBlocked("backup", "7", Integer.toString(size), Integer.toString(16 << 20));
        try (Repository repository = open()) {
            assertThat(repository.snapshots()).isEmpty();
            assertThat(repository.locks()).singleElement().extracting(LockInfo::stale).isEqualTo(true);
            CheckResult check = repository.check(true, ProgressListener.NONE);
            assertThat(check.errors()).isEmpty();
            assertThat(check.warnings()).isNotEmpty();

            BackupResult backup = repository.backupStream("big", new CrashChild.RandomStream(7, size, Long.MAX_VALUE),
                    repository.contentDefinedChunker(), BackupOptions.defaults(), ProgressListener.NONE);
            assertThat(backup.packsAdopted()).isPositive();
            assertThat(backup.dataAdded()).isLessThan(size - (8L << 20));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            repository.dump(backup.snapshotId(), "big", out);
            assertThat(java.util.Arrays.equals(out.toByteArray(),
                    new CrashChild.RandomStream(7, size, Long.MAX_VALUE).readAllBytes())).as("dump equals the source").isTrue();
            CheckResult after = repository.check(true, ProgressListener.NONE);
            assertThat(after.errors()).isEmpty();
            assertThat(after.warnings()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index-write", "index-delete", "pack-delete"})
    void killedPruneLosesNoSnapshotData(String killPoint) throws Exception {
        Map<String, byte[]> kept = new TreeMap<>();
        try (Repository repository = init()) {
            byte[] a = random(1, 3_000_000);
            byte[] b = random(2, 3_000_000);
            String both;
            try (SnapshotBuilder builder = repository.newSnapshot("files", List.of("ab"), BackupOptions.defaults(),
                    ProgressListener.NONE)) {
                builder.addFile("a", FileMetadata.of(0600, java.time.Instant.now()), new ByteArrayInputStream(a),
                        repository.contentDefinedChunker());
                builder.addFile("b", FileMetadata.of(0600, java.time.Instant.now()), new ByteArrayInputStream(b),
                        repository.contentDefinedChunker());
                both = builder.commit().snapshotId();
            }
            kept.put(repository.backupStream("a", new ByteArrayInputStream(a), repository.contentDefinedChunker(),
                    BackupOptions.defaults(), ProgressListener.NONE).snapshotId(), a);
            byte[] c = random(3, 2_000_000);
            kept.put(repository.backupStream("c", new ByteArrayInputStream(c), repository.contentDefinedChunker(),
                    BackupOptions.defaults(), ProgressListener.NONE).snapshotId(), c);
            try (SnapshotBuilder abandoned = repository.newSnapshot("stream", List.of("d"), BackupOptions.defaults(),
                    ProgressListener.NONE)) {
                abandoned.addFile("d", FileMetadata.of(0600, java.time.Instant.now()),
                        new ByteArrayInputStream(random(4, 3_000_000)), repository.contentDefinedChunker());
            }
            repository.forgetSnapshots(List.of(both), false);
        }
        killWhenBlocked("prune", killPoint);
        try (Repository repository = open()) {
            assertThat(repository.check(true, ProgressListener.NONE).errors()).isEmpty();
            assertKept(repository, kept);
            repository.prune(PruneOptions.defaults().withMaxUnused(0).withOrphanGrace(java.time.Duration.ZERO),
                    ProgressListener.NONE);
            CheckResult check = repository.check(true, ProgressListener.NONE);
            assertThat(check.errors()).isEmpty();
            assertThat(check.warnings()).isEmpty();
            assertKept(repository, kept);
        }
    }

    private static void assertKept(Repository repository, Map<String, byte[]> kept) {
        assertThat(repository.snapshots()).extracting(SnapshotInfo::id).containsExactlyInAnyOrderElementsOf(kept.keySet());
        for (Map.Entry<String, byte[]> snapshot : kept.entrySet()) {
            String name = repository.snapshot(snapshot.getKey()).paths().get(0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            repository.dump(snapshot.getKey(), name, out);
            assertThat(java.util.Arrays.equals(out.toByteArray(), snapshot.getValue()))
                    .as("snapshot %s dumps its data", snapshot.getKey()).isTrue();
        }
    }

    /** Starts the child, waits (with a deadline) until it reports BLOCKED, then kills it with SIGKILL. */
    private void killWhenBlocked(String mode, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                mode, temp.resolve("repo").toString(), PASSPHRASE));
        command.addAll(List.of(arguments));
        Process child = new ProcessBuilder(command).redirectError(temp.resolve("child.err").toFile()).start();
        try {
            CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> firstLine(child));
            String line = blocked.get(150, TimeUnit.SECONDS);
            assertThat(line).as("child output (stderr in %s)", temp.resolve("child.err")).isEqualTo(CrashChild.BLOCKED);
        } finally {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String firstLine(Process child) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? "<no output>" : line;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
