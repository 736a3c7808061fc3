package io.cairn.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.repository.Repository;
import io.cairn.testkit.RedisExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Redis dumps taken over the replication protocol and loaded with RESTORE into a second, fresh server. */
class RedisDumpTest {
    @RegisterExtension
    static final RedisExtension source = RedisExtension.builder().password("source-secret-42").build();
    @RegisterExtension
    static final RedisExtension target = RedisExtension.create();

    static Map<String, String> original;

    @TempDir
    Path directory;
    Repository repository;

    @BeforeEach
    void setUp() {
        repository = TestSetup.repository(directory.resolve("repo"));
        if (original == null || RedisFixture.contents(source, 0).size() != original.size()) {
            // first test, or the server was killed (it restarts empty) or grown by a fault test
            RedisFixture.fill(source);
            original = RedisFixture.contents(source, 0);
        }
        RedisFixture.withCommands(target, 0, commands -> {
            commands.flushall();
            commands.functionFlush(io.lettuce.core.FlushMode.SYNC);
        });
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    private DatabaseConfig cache() {
        return TestSetup.database("cache", DatabaseType.REDIS, source.cairnUrl(), source.password());
    }

    private DatabaseConfig copy(String id, int db) {
        return TestSetup.database(id, DatabaseType.REDIS, TestSetup.withDatabase(target.cairnUrl(), Integer.toString(db)), "");
    }

    @Test
    void snapshotLoadsIntoFreshServerWithEveryTypeTtlAndFunction() {
        try (DataManager dm = TestSetup.dataManager(cache(), copy("copy", 0))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("cache", DumpOptions.defaults());
            assertThat(dump.format()).isEqualTo(DumpFormat.RDB);
            assertThat(dump.tool()).startsWith("cairn PSYNC (RDB ");
            LoadResult load = dumps.load(dump.shortId(), "copy", LoadOptions.defaults());
            assertThat(load.counts()).containsEntry("keys", (long) original.size()).containsEntry("functions", 1L);
            assertThat(load.warnings()).anySatisfy(w -> assertThat(w).contains("100 key(s) of other Redis databases"));
        }
        assertThat(original).hasSizeGreaterThan(5000);
        assertThat(RedisFixture.differences(original, RedisFixture.contents(target, 0))).isEmpty();
        RedisFixture.withCommands(target, 0, commands -> assertThat(commands.functionList()).hasSize(1));
    }

    @Test
    void keyPatternsLoadIntoANamedDatabase() {
        try (DataManager dm = TestSetup.dataManager(cache(), copy("lists", 5))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("cache", DumpOptions.defaults());
            LoadResult load = dumps.load(dump.shortId(), "lists", LoadOptions.defaults().withTables("list:*", "counter"));
            assertThat(load.counts()).containsEntry("keys", 3L).containsEntry("functions", 0L);
        }
        Map<String, String> loaded = RedisFixture.contents(target, 5);
        assertThat(loaded.keySet()).containsExactlyInAnyOrder("list:small", "list:big", "counter");
        loaded.forEach((key, content) -> assertThat(content).isEqualTo(original.get(key)));
        assertThat(RedisFixture.contents(target, 0)).isEmpty();
    }

    @Test
    void nonEmptyTargetNeedsCleanOrForce() {
        RedisFixture.withCommands(target, 0, commands -> {
            commands.set("counter", "stale");
            commands.set("unrelated", "kept by --force");
        });
        try (DataManager dm = TestSetup.dataManager(cache(), copy("copy", 0))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("cache", DumpOptions.defaults());
            assertThatThrownBy(() -> dumps.load(dump.shortId(), "copy", LoadOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION))
                    .hasMessageContaining("already holds 2 key(s)").hasMessageContaining("--clean")
                    .hasMessageContaining("--force");
            dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withForce().withTables("counter"));
            assertThat(RedisFixture.contents(target, 0)).containsKey("unrelated").containsEntry("counter", original.get("counter"));
            dumps.load(dump.shortId(), "copy", LoadOptions.defaults().withClean());
        }
        assertThat(RedisFixture.differences(original, RedisFixture.contents(target, 0))).isEmpty();
    }

    @Test
    void serverKilledMidTransferLeavesNoDump() {
        RedisFixture.fillLarge(source, 48);
        try (DataManager dm = TestSetup.dataManager(cache())) {
            Dumps dumps = Dumps.of(dm, repository);
            assertThatThrownBy(() -> dumps.dump("cache", DumpOptions.defaults(), Children.onFirstProgress(source::kill)))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                    .hasMessageContaining("bytes of the RDB snapshot").hasMessageContaining("nothing was saved");
            assertThat(dumps.list(Optional.empty())).isEmpty();
            assertThat(repository.snapshots()).isEmpty();
        }
    }

    @Test
    void wrongOrMissingPasswordIsAnAuthenticationFailure() {
        DatabaseConfig wrong = TestSetup.database("cache", DatabaseType.REDIS, source.cairnUrl(), "wrong-password");
        DatabaseConfig none = TestSetup.database("nopass", DatabaseType.REDIS, source.cairnUrl(), "");
        try (DataManager dm = TestSetup.dataManager(wrong, none)) {
            Dumps dumps = Dumps.of(dm, repository);
            assertThatThrownBy(() -> dumps.dump("cache", DumpOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED))
                    .hasMessageNotContaining("wrong-password");
            assertThatThrownBy(() -> dumps.dump("nopass", DumpOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED));
        }
    }

    @Test
    void dumpNotMatchingItsManifestIsRefusedBeforeAnythingIsWritten() {
        try (DataManager dm = TestSetup.dataManager(cache(), copy("copy", 0))) {
            Dumps dumps = Dumps.of(dm, repository);
            DumpResult dump = dumps.dump("cache", DumpOptions.defaults());
            String forged = Corruption.forgeDumpWithChangedByte(repository, dump.dumpId(), "redis", "cache");
            assertThatThrownBy(() -> dumps.load(forged, "copy", LoadOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY))
                    .hasMessageContaining("nothing was written to 'copy'");
        }
        assertThat(RedisFixture.contents(target, 0)).isEmpty();
    }
}
