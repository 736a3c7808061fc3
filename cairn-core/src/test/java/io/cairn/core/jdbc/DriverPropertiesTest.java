package io.cairn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.Environment;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.Configuration;
import org.postgresql.PGProperty;

/** Every property Cairn sets is one the driver knows: a misspelt name is silently ignored by both drivers. */
class DriverPropertiesTest {

    private static DatabaseConfig database(String type, String url) {
        return CairnConfig.parse("databases:\n  db: { type: " + type + ", url: \"" + url + "\", password: \"${PW}\", "
                + "connect-timeout: 2s }\n", "cairn.yaml", Environment.of(Map.of("PW", "secret-pw"))).database("db");
    }

    @Test
    void pgjdbcKnowsEveryNameAndTheLoginIsBounded() {
        Properties properties = DriverProperties.of(database("postgresql", "postgresql://app@127.0.0.1:5432/app"),
                Duration.ofSeconds(30), "cairn");

        assertThat(properties.stringPropertyNames()).allSatisfy(name ->
                assertThat(PGProperty.forName(name)).as("pgjdbc property " + name).isNotNull());
        assertThat(PGProperty.CONNECT_TIMEOUT.getOrDefault(properties)).isEqualTo("2");
        assertThat(PGProperty.LOGIN_TIMEOUT.getOrDefault(properties)).isEqualTo("2");
        assertThat(PGProperty.SOCKET_TIMEOUT.getOrDefault(properties)).isEqualTo("30");
        assertThat(properties).doesNotContainKey("password");
    }

    @Test
    void mariadbKnowsEveryName() throws Exception {
        DatabaseConfig config = database("mariadb", "mariadb://app@127.0.0.1:3306/app");
        Properties properties = DriverProperties.of(config, Duration.ofSeconds(30), "cairn");

        Configuration parsed = Configuration.parse(DedicatedConnections.jdbcUrl(config), properties);

        assertThat(parsed.nonMappedOptions()).as("options MariaDB Connector/J does not know").isEmpty();
        assertThat(parsed.connectTimeout()).isEqualTo(2000);
        assertThat(parsed.socketTimeout()).isEqualTo(30000);
        assertThat(properties).doesNotContainKey("password");
    }
}
