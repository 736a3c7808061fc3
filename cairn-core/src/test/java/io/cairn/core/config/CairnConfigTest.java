package io.cairn.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairnConfigTest {
    static final String EXAMPLE = String.join("\n",
            "databases:",
            "  main:   { type: postgresql, url: \"postgresql://app@127.0.0.1:5432/app\", password: \"${PGPASSWORD}\", pool: { max: 20 } }",
            "  legacy: { type: mariadb,    url: \"mariadb://app@127.0.0.1:3306/legacy\", password: \"${file:SECRET}\" }",
            "  cache:  { type: redis,      url: \"redis://127.0.0.1:6379/0\" }",
            "  docs:   { type: mongodb,    url: \"mongodb://127.0.0.1:27017/docs\" }",
            "");

    @TempDir
    Path dir;

    private CairnConfig parseExample() throws Exception {
        Path secret = dir.resolve("maria");
        Files.writeString(secret, "maria-secret\n");
        return CairnConfig.parse(EXAMPLE.replace("SECRET", secret.toString()), "cairn.yaml",
                Environment.of(Map.of("PGPASSWORD", "pg-secret")));
    }

    @Test
    void parsesTheIssueExampleInFileOrder() throws Exception {
        CairnConfig config = parseExample();

        assertThat(config.databases()).containsOnlyKeys("main", "legacy", "cache", "docs");
        assertThat(config.databases().keySet()).containsExactly("main", "legacy", "cache", "docs");
        DatabaseConfig main = config.database("main");
        assertThat(main.type()).isEqualTo(DatabaseType.POSTGRESQL);
        assertThat(main.url().host()).isEqualTo("127.0.0.1");
        assertThat(main.url().port()).isEqualTo(5432);
        assertThat(main.url().user()).contains("app");
        assertThat(main.url().database()).contains("app");
        assertThat(main.password().orElseThrow().reveal()).isEqualTo("pg-secret");
        assertThat(main.pool().max()).isEqualTo(20);
        assertThat(config.database("legacy").password().orElseThrow().reveal()).isEqualTo("maria-secret");
        assertThat(config.database("cache").password()).isEmpty();
        assertThat(config.database("docs").url().database()).contains("docs");
        assertThat(config.source()).isEqualTo("cairn.yaml");
    }

    @Test
    void appliesDefaultsFromTheRecords() throws Exception {
        DatabaseConfig legacy = parseExample().database("legacy");

        assertThat(legacy.pool()).isEqualTo(PoolConfig.defaults());
        assertThat(legacy.retry()).isEqualTo(RetryConfig.defaults());
        assertThat(legacy.health()).isEqualTo(HealthConfig.defaults());
        assertThat(legacy.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(legacy.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(legacy.pool().max()).isEqualTo(10);
        assertThat(legacy.retry().attempts()).isEqualTo(3);
        assertThat(legacy.retry().initialBackoff()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void readsEveryNestedSetting() {
        String yaml = String.join("\n",
                "databases:",
                "  main:",
                "    type: postgresql",
                "    url: postgresql://app@db.internal/app?sslmode=require",
                "    connect-timeout: 2s",
                "    query-timeout: PT1M",
                "    pool: { max: 4, min-idle: 1, connection-timeout: 750ms, idle-timeout: 2min, max-lifetime: 1h }",
                "    retry: { attempts: 5, initial-backoff: 50ms, max-backoff: 2s, multiplier: 3, jitter: 0 }",
                "    health: { degraded-latency: 250ms }");
        DatabaseConfig main = CairnConfig.parse(yaml, "c.yaml", Environment.of(Map.of())).database("main");

        assertThat(main.url().port()).isEqualTo(5432);
        assertThat(main.url().parameters()).containsEntry("sslmode", "require");
        assertThat(main.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(main.queryTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(main.pool()).isEqualTo(new PoolConfig(4, 1, Duration.ofMillis(750), Duration.ofMinutes(2), Duration.ofHours(1)));
        assertThat(main.retry()).isEqualTo(new RetryConfig(5, Duration.ofMillis(50), Duration.ofSeconds(2), 3.0, 0.0));
        assertThat(main.health().degradedLatency()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void loadsAFileAndResolvesRelativeSecretFilesAgainstIt() throws Exception {
        Files.writeString(dir.resolve("redis.pw"), "r3dis\r\n");
        Path file = dir.resolve("cairn.yaml");
        Files.writeString(file, "databases:\n  cache: { type: redis, url: \"redis://127.0.0.1/1\", password: \"${file:redis.pw}\" }\n");

        CairnConfig config = CairnConfig.load(file, Environment.of(Map.of()));

        assertThat(config.database("cache").password().orElseThrow().reveal()).isEqualTo("r3dis");
        assertThat(config.database("cache").url().database()).contains("1");
        assertThat(config.source()).isEqualTo(file.toString());
    }

    @Test
    void referencesWorkInAnyStringWithDefaultsAndEscapes() {
        String yaml = String.join("\n",
                "databases:",
                "  main:",
                "    type: postgresql",
                "    url: \"postgresql://${DB_USER:-app}@${DB_HOST}:${DB_PORT}/app\"",
                "    pool: { max: \"${POOL_MAX}\" }",
                "repository:",
                "  path: \"$${literal}\"");
        CairnConfig config = CairnConfig.parse(yaml, "cairn.yaml",
                Environment.of(Map.of("DB_HOST", "10.0.0.5", "DB_PORT", "6543", "POOL_MAX", "7")));

        DatabaseConfig main = config.database("main");
        assertThat(main.url().toString()).isEqualTo("postgresql://app@10.0.0.5:6543/app");
        assertThat(main.pool().max()).isEqualTo(7);
        assertThat(config.section("repository").orElseThrow().string("path")).isEqualTo("${literal}");
    }

    @Test
    void reservedSectionsAreAcceptedAndReadableByTheirOwners() {
        String yaml = String.join("\n",
                "repository: { path: /backups, packSize: 16MiB, check: { percent: 10% } }",
                "agent: { listen: \"127.0.0.1:9000\", enabled: true, interval: 30s, workers: 3, tags: [a, b] }",
                "schedules: [ { name: nightly, cron: \"0 3 * * *\" } ]",
                "retention: {}",
                "wal: {}",
                "alerts: {}",
                "migrations: {}");
        CairnConfig config = CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of()));

        assertThat(config.databases()).isEmpty();
        ConfigSection repository = config.section("repository").orElseThrow();
        assertThat(repository.size("packSize", 0)).isEqualTo(16L << 20);
        assertThat(repository.section("check").orElseThrow().percent("percent", 0)).isEqualTo(10.0);
        ConfigSection agent = config.section("agent").orElseThrow();
        assertThat(agent.bool("enabled", false)).isTrue();
        assertThat(agent.duration("interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(agent.integer("workers", 1)).isEqualTo(3);
        assertThat(agent.stringList("tags")).containsExactly("a", "b");
        assertThat(agent.keys()).containsExactly("listen", "enabled", "interval", "workers", "tags");
        assertThat(config.sectionList("schedules")).extracting(s -> s.string("cron")).containsExactly("0 3 * * *");
        assertThat(config.section("wal")).isPresent();
    }

    @Test
    void aSectionListIsReadThroughTheRoot() {
        String yaml = "agent: { jobs: [ { name: a }, { name: b } ] }";
        ConfigSection agent = CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of())).section("agent").orElseThrow();

        assertThat(agent.sectionList("jobs")).extracting(s -> s.string("name")).containsExactly("a", "b");
        assertThat(agent.sectionList("jobs").get(1).path()).isEqualTo("agent.jobs[1]");
    }

    @Test
    void unknownDatabaseIdNamesTheKnownOnes() throws Exception {
        CairnConfig config = parseExample();

        assertThatThrownBy(() -> config.database("mian"))
                .isInstanceOf(CairnException.class)
                .hasMessage("database 'mian' is not defined in cairn.yaml (did you mean 'main'? configured: main, legacy, cache, docs)")
                .extracting(e -> ((CairnException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void buildsAConfigurationInCode() {
        DatabaseConfig db = DatabaseConfig.of("quick", DatabaseType.POSTGRESQL,
                DatabaseUrl.parse("postgresql://cairn@127.0.0.1:5555/cairn", 5432), java.util.Optional.of(Secret.of("pw")));

        CairnConfig config = CairnConfig.of(java.util.List.of(db));

        assertThat(config.database("quick").pool().max()).isEqualTo(10);
        assertThatThrownBy(() -> CairnConfig.of(java.util.List.of(db, db))).hasMessageContaining("defined twice");
    }
}
