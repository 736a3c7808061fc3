package io.cairn.cli.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository commands end to end on a local repository, as a user runs them. */
class RepositoryCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path repo;
    Path passwordFile;
    Path source;

    @BeforeEach
    void setUp() throws IOException {
        repo = dir.resolve("repo");
        passwordFile = Files.writeString(dir.resolve("pass"), "correct horse battery staple\n");
        source = Files.createDirectories(dir.resolve("source/etc/app"));
        Files.writeString(source.resolve("app.conf"), "port = 8080\n");
        Files.write(source.resolve("blob.bin"), new byte[200_000]);
        Files.createSymbolicLink(source.resolve("link"), Path.of("app.conf"));
    }

    private CliRun cairn(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--repo", repo.toString(), "--password-file", passwordFile.toString()))
                .toArray(String[]::new);
        return CliRun.of(all);
    }

    @Test
    void initBackupListRestoreCheckForgetPrune() throws IOException {
        assertThat(cairn("repo", "init").exitCode()).isZero();

        CliRun first = cairn("backup", "files", source.toString(), "--tag", "config");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("snapshot").contains("2 new");
        Files.writeString(source.resolve("app.conf"), "port = 9090\n");
        assertThat(cairn("backup", "files", source.toString()).exitCode()).isZero();

        CliRun list = cairn("snapshots", "--json");
        JsonNode snapshots = JSON.readTree(list.out());
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(0).get("tags").get(0).asText()).isEqualTo("config");

        Path target = dir.resolve("restored");
        CliRun restore = cairn("restore", snapshots.get(0).get("id").asText(), "--target", target.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        Path restored = target.resolve(source.toString().substring(1));
        assertThat(restored.resolve("app.conf")).hasContent("port = 8080");
        assertThat(Files.readSymbolicLink(restored.resolve("link"))).isEqualTo(Path.of("app.conf"));

        CliRun check = cairn("check", "--read-data");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("no errors were found");

        CliRun forget = cairn("forget", "--keep-last", "1");
        assertThat(forget.exitCode()).as(forget.err()).isZero();
        assertThat(forget.out()).contains("1 snapshot(s) removed");
        CliRun prune = cairn("prune", "--orphan-grace", "0");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(cairn("check", "--read-data").exitCode()).isZero();
    }

    @Test
    void wrongPassphraseExitsWithEight() throws IOException {
        assertThat(cairn("repo", "init").exitCode()).isZero();
        Path wrong = Files.writeString(dir.resolve("wrong"), "not it\n");
        CliRun run = CliRun.of("snapshots", "--repo", repo.toString(), "--password-file", wrong.toString());
        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).contains(repo.toString()).contains("wrong passphrase").doesNotContain("not it");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void flippedByteMakesCheckFailWithSeven() throws IOException {
        assertThat(cairn("repo", "init").exitCode()).isZero();
        assertThat(cairn("backup", "files", source.toString()).exitCode()).isZero();
        Path pack;
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            pack = files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[20] ^= 0x40; // inside the first blob
        Files.write(pack, bytes);

        CliRun check = cairn("check", "--read-data");
        assertThat(check.exitCode()).isEqualTo(7);
        assertThat(check.out()).contains(pack.getFileName().toString()).contains("affects snapshots");
    }

    @Test
    void keysCanBeAddedListedAndRemoved() throws IOException {
        assertThat(cairn("repo", "init").exitCode()).isZero();
        Path second = Files.writeString(dir.resolve("second"), "another passphrase\n");
        CliRun add = cairn("key", "add", "--new-password-file", second.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        CliRun listWithSecond = CliRun.of("key", "list", "--json", "--repo", repo.toString(), "--password-file", second.toString());
        JsonNode keys = JSON.readTree(listWithSecond.out());
        assertThat(keys).hasSize(2);
        String firstKey = null;
        for (JsonNode key : keys) {
            if (!key.get("current").asBoolean()) {
                firstKey = key.get("id").asText();
            }
        }
        CliRun remove = CliRun.of("key", "remove", firstKey, "--repo", repo.toString(), "--password-file", second.toString());
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(cairn("snapshots").exitCode()).isEqualTo(8);
    }

    @Test
    void forgetWithoutPolicyRefuses() {
        assertThat(cairn("repo", "init").exitCode()).isZero();
        CliRun run = cairn("forget");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--keep-");
    }

    @Test
    void missingRepositoryIsClear() {
        CliRun run = cairn("snapshots");
        assertThat(run.exitCode()).isNotZero().isNotEqualTo(70);
        assertThat(run.err()).contains(repo.toString());
    }
}
