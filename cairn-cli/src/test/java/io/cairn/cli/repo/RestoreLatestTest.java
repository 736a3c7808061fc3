package io.cairn.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.Cairn;
import io.cairn.backup.postgres.PgSnapshots;
import io.cairn.cli.CliRun;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotBuilder;
import io.cairn.repository.SnapshotTags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository that a WAL streamer and PostgreSQL backups write into while files are backed up
 * too (issue 12, item 5): {@code restore latest} restores the newest file backup matching the
 * filters, never a WAL piece stored after it, and {@code snapshots} lists WAL and base backups
 * only when asked.
 */
class RestoreLatestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path repo;
    Path passwordFile;
    Path source;
    Path other;

    @BeforeEach
    void setUp() throws IOException {
        repo = dir.resolve("repo");
        passwordFile = Files.writeString(dir.resolve("pass"), "correct horse battery staple\n");
        source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("app.conf"), "port = 8080\n");
        other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "other tree\n");
    }

    private CliRun cairn(String... args) {
        return CliRun.of(Stream.concat(Stream.of(args), Stream.of("--repo", repo.toString(), "--password-file",
                passwordFile.toString())).toArray(String[]::new));
    }

    /** Stores snapshots shaped by cairn-backup's public contract, as a WAL streamer and a base backup leave them. */
    private void storePostgresSnapshots() {
        try (Cairn cairn = Cairn.withoutConfiguration().repository(repo.toString()).passwordFile(passwordFile).open()) {
            Repository repository = cairn.repository();
            store(repository, PgSnapshots.baseBackupSource("main"), "base/PG_VERSION",
                    PgSnapshots.BASE_BACKUP_TAG, SnapshotTags.database("main"));
            for (int piece = 1; piece <= 3; piece++) {
                store(repository, PgSnapshots.walSource("main"), "wal/000000010000000000000003.partial-0000" + piece + "000",
                        PgSnapshots.WAL_TAG, SnapshotTags.database("main"), "segsize:16777216", "system:7391234567890123456");
            }
        }
    }

    private static void store(Repository repository, String sourceName, String path, String... tags) {
        try (SnapshotBuilder builder = repository.newSnapshot(sourceName, List.of(path),
                BackupOptions.defaults().withTags(tags), ProgressListener.NONE)) {
            builder.addFile(path, FileMetadata.of(0600, Instant.now()), new ByteArrayInputStream(new byte[4096]),
                    repository.contentDefinedChunker());
            builder.commit();
        }
    }

    @Test
    void latestIsTheNewestFileBackupNotAWalPieceStoredAfterIt() throws IOException {
        assertThat(cairn("repo", "init").exitCode()).isZero();
        assertThat(cairn("backup", "files", source.toString()).exitCode()).isZero();
        storePostgresSnapshots();

        Path target = dir.resolve("restored");
        CliRun restore = cairn("restore", "latest", "--target", target.toString());

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(target.resolve(source.toString().substring(1)).resolve("app.conf")).hasContent("port = 8080");
        assertThat(target.resolve("wal")).doesNotExist();
    }

    @Test
    void latestFollowsPathHostAndTagFilters() throws IOException {
        assertThat(cairn("repo", "init").exitCode()).isZero();
        assertThat(cairn("backup", "files", source.toString(), "--tag", "config", "--host", "alpha").exitCode()).isZero();
        assertThat(cairn("backup", "files", other.toString(), "--host", "beta").exitCode()).isZero();
        storePostgresSnapshots();

        Path byPath = dir.resolve("by-path");
        assertThat(cairn("restore", "latest", "--path", source.toString(), "--target", byPath.toString()).exitCode()).isZero();
        assertThat(byPath.resolve(source.toString().substring(1)).resolve("app.conf")).exists();
        assertThat(byPath.resolve(other.toString().substring(1))).doesNotExist();

        Path byHost = dir.resolve("by-host");
        assertThat(cairn("restore", "latest", "--host", "alpha", "--target", byHost.toString()).exitCode()).isZero();
        assertThat(byHost.resolve(source.toString().substring(1)).resolve("app.conf")).exists();

        Path byTag = dir.resolve("by-tag");
        assertThat(cairn("restore", "latest", "--tag", "config", "--target", byTag.toString()).exitCode()).isZero();
        assertThat(byTag.resolve(source.toString().substring(1)).resolve("app.conf")).exists();

        Path newest = dir.resolve("newest");
        assertThat(cairn("restore", "latest", "--target", newest.toString()).exitCode()).isZero();
        assertThat(newest.resolve(other.toString().substring(1)).resolve("notes.txt")).exists();

        CliRun none = cairn("restore", "latest", "--host", "gamma", "--target", dir.resolve("none").toString());
        assertThat(none.exitCode()).isEqualTo(6);
        assertThat(none.err()).contains("no snapshot matching file backups, host gamma").contains("cairn snapshots");
        assertThat(none.err().lines().count()).isEqualTo(1);
    }

    @Test
    void snapshotsHidesWalAndBaseBackupsUnlessAsked() throws IOException {
        assertThat(cairn("repo", "init").exitCode()).isZero();
        assertThat(cairn("backup", "files", source.toString()).exitCode()).isZero();
        storePostgresSnapshots();

        CliRun plain = cairn("snapshots");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).doesNotContain("wal/").doesNotContain(PgSnapshots.WAL_TAG)
                .contains("1 snapshot(s); 4 PostgreSQL backup and WAL snapshot(s) not shown");
        assertThat(JSON.readTree(cairn("snapshots", "--json").out())).hasSize(1);

        JsonNode all = JSON.readTree(cairn("snapshots", "--all", "--json").out());
        assertThat(all).hasSize(5);
        JsonNode wal = JSON.readTree(cairn("snapshots", "--kind", "pg-wal", "--json").out());
        assertThat(wal).hasSize(3);
        wal.forEach(s -> assertThat(s.get("source").asText()).isEqualTo(PgSnapshots.walSource("main")));
        assertThat(JSON.readTree(cairn("snapshots", "--kind", "pg-backup,files", "--json").out())).hasSize(2);

        CliRun wrongKind = cairn("snapshots", "--kind", "wal");
        assertThat(wrongKind.exitCode()).isEqualTo(2);
        assertThat(wrongKind.err()).contains("unknown snapshot kind 'wal'").contains("pg-wal");
    }
}
