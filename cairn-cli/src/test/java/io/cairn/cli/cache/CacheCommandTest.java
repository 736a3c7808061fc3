package io.cairn.cli.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.Cairn;
import io.cairn.cache.Cache;
import io.cairn.cli.CliRun;
import io.cairn.core.config.CairnConfig;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.RedisExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn cache stats / invalidate / warm} against a real Redis and PostgreSQL, with an
 * "application" (a facade on the same file) that has the cache open and must see what the CLI did.
 */
class CacheCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.builder().systemBinaries(15).build();
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.create();

    @TempDir
    static Path dir;
    static Path config;

    record Customer(String id, long version) {
    }

    @BeforeAll
    static void configure() throws Exception {
        config = Files.writeString(dir.resolve("cairn.yaml"), """
                databases:
                  main:  { type: postgresql, url: "%s", password: "%s" }
                  cache: { type: redis, url: "%s" }
                cache:
                  redis: cache
                  heartbeat: 100ms
                  heartbeat-timeout: 400ms
                  caches:
                    customers: { warm: "SELECT id FROM customers ORDER BY id", warm-db: main }
                """.formatted(postgres.cairnUrl(), postgres.password(), redis.cairnUrl()));
        sql("CREATE TABLE customers (id TEXT PRIMARY KEY)", "INSERT INTO customers VALUES ('1'), ('2'), ('3')");
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Test
    void statsInvalidateAndWarmReachARunningApplication() throws Exception {
        AtomicLong version = new AtomicLong(1);
        try (Cairn app = Cairn.configure(CairnConfig.load(config)).open()) {
            Cache<String, Customer> customers = app.cache().named("customers", Customer.class,
                    id -> new Customer(id, version.get()));
            // warming at open may run before the channel is trusted, whose first heartbeat flushes L1: read them again
            Await.until(Duration.ofSeconds(10), "the application trusts its channel", () -> app.cache().stats().channelTrusted());
            for (String id : new String[] {"1", "2", "3"}) {
                assertThat(customers.get(id).version()).isEqualTo(1);
            }

            CliRun stats = CliRun.of("--config", config.toString(), "cache", "stats", "--json");
            assertThat(stats.exitCode()).as(stats.err() + stats.out()).isZero();
            JsonNode report = JSON.readTree(stats.out());
            assertThat(report.get("redis").asText()).isEqualTo("cache");
            assertThat(report.get("redisAvailable").asBoolean()).isTrue();
            assertThat(CliRun.of("--config", config.toString(), "cache", "stats").out())
                    .contains("redis 'cache' UP", "staleness bound");

            version.set(2);
            CliRun invalidate = CliRun.of("--config", config.toString(), "cache", "invalidate", "customers", "1", "2");
            assertThat(invalidate.exitCode()).as(invalidate.err()).isZero();
            assertThat(invalidate.out()).contains("invalidated 2 keys of cache 'customers'");
            assertThat(customers.get("1").version()).isEqualTo(2);
            assertThat(customers.get("2").version()).isEqualTo(2);
            assertThat(customers.get("3").version()).isEqualTo(1);

            version.set(3);
            CliRun all = CliRun.of("--config", config.toString(), "cache", "invalidate", "customers", "--all", "--json");
            assertThat(all.exitCode()).as(all.err()).isZero();
            assertThat(JSON.readTree(all.out()).get("all").asBoolean()).isTrue();
            Await.until(Duration.ofSeconds(5), "the application dropped every entry", () -> customers.stats().l1Size() == 0);
            assertThat(customers.get("3").version()).isEqualTo(3);

            sql("INSERT INTO customers VALUES ('4'), ('5')");
            CliRun warm = CliRun.of("--config", config.toString(), "cache", "warm", "customers");
            assertThat(warm.exitCode()).as(warm.err()).isZero();
            assertThat(warm.out()).contains("asked 1 process to warm cache 'customers'");
            Await.until(Duration.ofSeconds(10), "the application warmed the new keys", () -> customers.stats().l1Size() == 5);
        }
    }

    @Test
    void usageAndConfigurationErrorsExitWithTheirCodes() {
        CliRun neither = CliRun.of("--config", config.toString(), "cache", "invalidate", "customers");
        assertThat(neither.exitCode()).isEqualTo(2);
        CliRun noWarm = CliRun.of("--config", config.toString(), "cache", "warm", "orders");
        assertThat(noWarm.exitCode()).isEqualTo(2);
        assertThat(noWarm.err()).contains("cache 'orders' has no warm: query", "cache.caches.orders.warm");
    }
}
