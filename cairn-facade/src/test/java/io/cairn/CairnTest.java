package io.cairn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.SnapshotInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: every section validated at open, one passphrase rule, one clock for every capability, nothing opened early. */
class CairnTest {
    private static final InitOptions FAST = InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1));

    @TempDir
    Path temp;

    private static CairnConfig config(String yaml, Map<String, String> environment) {
        return CairnConfig.parse(yaml, "cairn.yaml", Environment.of(environment));
    }

    private static final String DATABASES = """
            databases:
              main:  { type: postgresql, url: "postgresql://app@127.0.0.1:1/app" }
              cache: { type: redis, url: "redis://127.0.0.1:1/0" }
            """;

    @Test
    void everySectionIsValidatedWhenTheFacadeOpens() {
        assertConfigError(DATABASES + "wal: { stream: [main], main: { slott: x } }\n", "slott");
        assertConfigError(DATABASES + "wal: { stream: [cache] }\n", "WAL streaming is for PostgreSQL");
        assertConfigError(DATABASES + "retention: { keep-daily: 0 }\n", "keeps nothing");
        assertConfigError(DATABASES + "retention: { keep-within: 1m }\n", "m is ambiguous");
        assertConfigError(DATABASES + "repository: { url: /tmp/r, pasword: x }\n", "pasword");
        assertConfigError(DATABASES + "migrations: { locaton: db }\n", "locaton");
    }

    private static void assertConfigError(String yaml, String expected) {
        assertThatThrownBy(() -> Cairn.configure(config(yaml, Map.of())).open())
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
                .hasMessageContaining("cairn.yaml").hasMessageContaining(expected);
    }

    @Test
    void openingContactsNothingAndAsksForNoPassphrase() {
        // both servers are unreachable and no passphrase is anywhere: opening and reading settings still work
        try (Cairn cairn = Cairn.configure(config(DATABASES + "wal: { synchronous: true }\n", Map.of())).open()) {
            assertThat(cairn.wal().options("main").synchronous()).isTrue();
            assertThat(cairn.retention()).isEmpty();
            assertThat(cairn.config().databases()).containsOnlyKeys("main", "cache");
        }
    }

    @Test
    void thePassphraseRuleTakesTheFlagFirstThenTheConfigurationThenThePrompt() throws Exception {
        Path repository = temp.resolve("repo");
        Path right = Files.writeString(temp.resolve("right"), "right passphrase\n");
        Path wrong = Files.writeString(temp.resolve("wrong"), "wrong passphrase\n");
        try (Cairn cairn = Cairn.withoutConfiguration().repository(repository.toString()).passwordFile(right).open()) {
            cairn.initRepository(FAST);
        }
        String yaml = "repository: { url: \"" + repository + "\", password-file: \"" + wrong + "\" }\n";
        // the flag beats the configuration
        try (Cairn cairn = Cairn.configure(config(yaml, Map.of())).passwordFile(right).open()) {
            assertThat(cairn.repository().info().location()).contains(repository.toString());
            assertThat(cairn.repositoryPasswordFile()).contains(right);
        }
        // the configuration alone: its (wrong) passphrase is used and refused as such
        try (Cairn cairn = Cairn.configure(config(yaml, Map.of())).open()) {
            assertThatThrownBy(cairn::repository)
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_KEY));
        }
        // nothing but the prompt
        try (Cairn cairn = Cairn.withoutConfiguration().repository(repository.toString())
                .passphrasePrompt((what, confirm) -> Optional.of(Passphrase.of("right passphrase"))).open()) {
            assertThat(cairn.repository().snapshots()).isEmpty();
        }
    }

    @Test
    void withoutAnySourceThePassphraseErrorNamesEachOne() {
        try (Cairn cairn = Cairn.withoutConfiguration().repository(temp.resolve("repo").toString()).open()) {
            assertThatThrownBy(cairn::repository)
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                    .satisfies(e -> {
                        if (System.getenv(Passphrase.ENVIRONMENT_VARIABLE) == null) {
                            assertThat(e).hasMessageContaining("--password-file").hasMessageContaining("repository.password")
                                    .hasMessageContaining(Passphrase.ENVIRONMENT_VARIABLE);
                        }
                    });
        }
    }

    @Test
    void noRepositoryAnywhereIsAUsageError() {
        try (Cairn cairn = Cairn.withoutConfiguration().open()) {
            assertThatThrownBy(cairn::repository)
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                    .hasMessageContaining("repository.url");
        }
    }

    @Test
    void theInjectedClockReachesTheRepository() throws Exception {
        Instant fixed = Instant.parse("2031-05-06T07:08:09Z");
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("a.txt"), "hello");
        Path password = Files.writeString(temp.resolve("pw"), "clock test\n");
        try (Cairn cairn = Cairn.withoutConfiguration().repository(temp.resolve("repo").toString()).passwordFile(password)
                .clock(Clock.fixed(fixed, ZoneOffset.UTC)).open()) {
            cairn.initRepository(FAST);
            cairn.repository().backupFiles(List.of(data), BackupOptions.defaults(), ProgressListener.NONE);
            assertThat(cairn.repository().snapshots()).extracting(SnapshotInfo::time).containsExactly(fixed);
            assertThat(cairn.clock().instant()).isEqualTo(fixed);
        }
    }

    @Test
    void aClosedFacadeRefusesWork() {
        Cairn cairn = Cairn.withoutConfiguration().open();
        cairn.close();
        cairn.close();
        assertThatThrownBy(cairn::databases)
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION));
    }
}
