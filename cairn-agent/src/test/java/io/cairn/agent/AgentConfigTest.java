package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
    private static AgentConfig parse(String yaml) {
        return AgentConfig.from(CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of("VIEWER", "v-token"))));
    }

    @Test
    void readsEverySectionWithDefaults() {
        AgentConfig config = parse("""
                agent: { tokens: { admin: "a-token", viewer: "${VIEWER}" } }
                schedules:
                  - { name: home, cron: "0 2 * * *", zone: Europe/Paris, run: backup  files, paths: [/home] }
                retention: { keep-daily: 7, keep-weekly: 4, keep-within: 2d }
                alerts: { backup-older-than: 26h, wal-lag-over: 5min, disk-free-under: 10%, webhook: "http://127.0.0.1:9/x" }
                """);
        assertThat(config.listenHost()).isEqualTo("127.0.0.1");
        assertThat(config.listenPort()).isEqualTo(7070);
        assertThat(config.tokens().get(AgentConfig.Role.VIEWER).reveal()).isEqualTo("v-token");
        assertThat(config.schedules().get(0).run()).isEqualTo("backup files");
        assertThat(config.schedules().get(0).zone().getId()).isEqualTo("Europe/Paris");
        assertThat(config.retention().orElseThrow().keepDaily()).isEqualTo(7);
        assertThat(config.retention().orElseThrow().keepWithin()).contains(Duration.ofDays(2));
        assertThat(config.alerts().backupOlderThan()).isEqualTo(Duration.ofHours(26));
        assertThat(config.alerts().diskFreeUnder()).isEqualTo(10.0);
        assertThat(config.toString()).doesNotContain("a-token").doesNotContain("v-token");
    }

    @Test
    void errorsNameTheFileTheKeyAndTheFix() {
        assertThatThrownBy(() -> parse("agent: { listn: 127.0.0.1:1 }"))
                .hasMessageStartingWith("cairn.yaml: agent.listn: unknown key").hasMessageContaining("listen");
        assertThatThrownBy(() -> parse("schedules: [ { name: x, cron: \"0 25 * * *\", run: check } ]"))
                .hasMessageStartingWith("cairn.yaml: schedules[0].cron: cron expression '0 25 * * *': hour 25");
        assertThatThrownBy(() -> parse("schedules: [ { name: x, cron: \"@daily\", run: check, zone: Mars/Olympus } ]"))
                .hasMessageContaining("schedules[0].zone: unknown time zone");
        assertThatThrownBy(() -> parse("schedules: [ { name: x, cron: \"@daily\", run: check, db: nope } ]"))
                .hasMessageContaining("schedules[0].db: database 'nope' is not defined");
        assertThatThrownBy(() -> parse("schedules: [ { name: x, cron: \"@daily\", run: check }, { name: x, cron: \"@daily\", run: check } ]"))
                .hasMessageContaining("schedule 'x' is defined twice");
        assertThatThrownBy(() -> parse("retention: { keep-dayly: 7 }")).hasMessageContaining("retention.keep-dayly: unknown key");
        assertThatThrownBy(() -> parse("alerts: { webhook: \"ftp://x\" }")).hasMessageContaining("alerts.webhook: expected an http");
        assertThatThrownBy(() -> parse("agent: { listen: \"localhost\" }")).hasMessageContaining("agent.listen: expected host:port");
        assertThatThrownBy(() -> parse("agent: { tls: { certificate: c.pem } }")).hasMessageContaining("agent.tls.key: missing");
    }

    @Test
    void anyCairnOnAClassPathWithTheAgentValidatesTheAgentSections() {
        CairnConfig config = CairnConfig.parse("schedules: [ { name: x, cron: \"0 25 * * *\", run: check } ]", "cairn.yaml",
                Environment.of(Map.of()));
        assertThatThrownBy(() -> io.cairn.Cairn.configure(config).open())
                .isInstanceOfSatisfying(io.cairn.core.CairnException.class,
                        e -> assertThat(e.code()).isEqualTo(io.cairn.core.ErrorCode.CONFIG))
                .hasMessageStartingWith("cairn.yaml: schedules[0].cron: cron expression '0 25 * * *': hour 25");
    }

    private static final String DATABASES = """
            databases:
              main: { type: postgresql, url: "postgresql://app@127.0.0.1:5432/app" }
              cache: { type: redis, url: "redis://127.0.0.1:6379/0" }
            """;

    @Test
    void walStreamsArePostgresDatabasesWithTheirOwnOptions() {
        AgentConfig config = parse(DATABASES + "wal: { stream: [main], synchronous: true, main: { slot: s_main } }\n");
        assertThat(config.wal().databases()).containsExactly("main");
        assertThat(config.wal().streams().get("main").slot()).isEqualTo("s_main");
        assertThat(config.wal().streams().get("main").synchronous()).isTrue();
        assertThat(config.alerts().walLagOver()).isEqualTo(Duration.ofMinutes(5));
        assertThat(parse(DATABASES).wal().databases()).isEmpty();

        assertThatThrownBy(() -> parse(DATABASES + "wal: { stream: [nope] }\n"))
                .hasMessageStartingWith("cairn.yaml: wal.stream: no database 'nope'");
        assertThatThrownBy(() -> parse(DATABASES + "wal: { stream: [cache] }\n"))
                .hasMessageContaining("wal.stream: database 'cache' is").hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> parse(DATABASES + "wal: { stream: [main, main] }\n"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> parse(DATABASES + "wal: { streem: [main] }\n"))
                .hasMessageContaining("wal.streem: unknown key");
        assertThatThrownBy(() -> parse(DATABASES + "wal: { stream: [main], main: { partial-interval: soon } }\n"))
                .hasMessageContaining("wal.main.partial-interval");
    }
}
