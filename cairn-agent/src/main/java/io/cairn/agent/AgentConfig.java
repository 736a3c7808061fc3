package io.cairn.agent;

import io.cairn.backup.RetentionConfig;
import io.cairn.backup.postgres.WalConfig;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.config.Environment;
import io.cairn.core.config.Secret;
import io.cairn.repository.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the agent reads from the configuration file: the {@code agent}, {@code schedules},
 * {@code retention}, {@code alerts} and {@code wal} sections, validated at once with one-line errors naming
 * the file, the key and the fix.
 * <pre>
 * agent:
 *   listen: 127.0.0.1:7070
 *   state: /var/lib/cairn-agent        # run history (default: .cairn-agent next to the config)
 *   tokens: { admin: "${file:/run/secrets/cairn-admin}", viewer: "${CAIRN_VIEWER_TOKEN}" }
 *   tls: { certificate: cert.pem, key: key.pem }     # or { keystore: agent.p12, password: "${P}" }
 *   missed-runs-within: 24h
 *   check-every: 1min
 * schedules:
 *   - { name: home, cron: "0 2 * * *", zone: Europe/Paris, run: backup files, paths: [/home] }
 * retention: { keep-daily: 7, keep-weekly: 4 }
 * alerts: { backup-older-than: 26h, wal-lag-over: 5min, disk-free-under: 10%, webhook: "https://hooks.example/x" }
 * wal: { stream: [main], synchronous: false }
 * </pre>
 *
 * @param missedRunsWithin a firing missed while the agent was down runs once at start when it is
 *                         no older than this; older missed firings are skipped (and logged)
 * @param checkEvery       how often health and alert conditions are evaluated
 */
public record AgentConfig(String listenHost, int listenPort, Map<Role, Secret> tokens, Optional<TlsConfig> tls,
        Path stateDirectory, Duration missedRunsWithin, Duration checkEvery, List<ScheduleConfig> schedules,
        Optional<RetentionPolicy> retention, AlertConfig alerts, WalConfig wal) {

    public static final Set<String> AGENT_KEYS = Set.of("listen", "state", "tokens", "tls", "missed-runs-within",
            "check-every");

    /** Who may do what: a viewer reads, an admin also triggers jobs. */
    public enum Role { VIEWER, ADMIN }

    /** Either a PEM certificate chain and PKCS#8 key, or a PKCS#12 keystore. */
    public record TlsConfig(Optional<Path> certificate, Optional<Path> key, Optional<Path> keystore,
            Optional<Secret> password) {
        static final Set<String> KEYS = Set.of("certificate", "key", "keystore", "password");
    }

    public AgentConfig {
        Objects.requireNonNull(listenHost, "listenHost");
        tokens = Map.copyOf(tokens);
        schedules = List.copyOf(schedules);
    }

    /** Reads and validates the agent's sections of {@code config}. */
    public static AgentConfig from(CairnConfig config) {
        ConfigSection agent = config.section("agent").orElseGet(() -> emptySection(config, "agent"));
        agent.requireOnlyKeys(AGENT_KEYS);
        String listen = agent.string("listen", "127.0.0.1:7070");
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw agent.error("listen", "expected host:port, got \"" + listen + "\"", "example: listen: 127.0.0.1:7070");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw agent.error("listen", "port must be 0..65535, got \"" + listen + "\"", "example: listen: 127.0.0.1:7070");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        Path configDirectory = Optional.ofNullable(Path.of(config.source()).toAbsolutePath().getParent()).orElse(Path.of("."));
        Path state = agent.optionalString("state").map(Path::of).orElse(configDirectory.resolve(".cairn-agent"));
        List<ScheduleConfig> schedules = ScheduleConfig.fromList(config.sectionList("schedules"), config);
        return new AgentConfig(host, port, tokens(agent), tls(agent), state,
                agent.duration("missed-runs-within", Duration.ofHours(24)),
                agent.duration("check-every", Duration.ofMinutes(1)),
                schedules, RetentionConfig.from(config),
                AlertConfig.from(config.section("alerts").orElseGet(() -> emptySection(config, "alerts"))),
                WalConfig.from(config));
    }

    /** An empty section with the right source and path, so that defaults apply and errors still name the file. */
    private static ConfigSection emptySection(CairnConfig config, String name) {
        return CairnConfig.parse(name + ": {}", config.source(), Environment.system()).section(name).orElseThrow();
    }

    private static Map<Role, Secret> tokens(ConfigSection agent) {
        Optional<ConfigSection> section = agent.section("tokens");
        if (section.isEmpty()) {
            return Map.of();
        }
        section.get().requireOnlyKeys(Set.of("admin", "viewer"));
        Map<Role, Secret> tokens = new java.util.EnumMap<>(Role.class);
        section.get().secret("admin").ifPresent(s -> tokens.put(Role.ADMIN, requireNonEmpty(section.get(), "admin", s)));
        section.get().secret("viewer").ifPresent(s -> tokens.put(Role.VIEWER, requireNonEmpty(section.get(), "viewer", s)));
        return tokens;
    }

    private static Secret requireNonEmpty(ConfigSection section, String key, Secret secret) {
        if (secret.reveal().isBlank()) {
            throw section.error(key, "the token is empty", "set the variable or file it names to a long random value");
        }
        return Secret.of(secret.reveal().trim());
    }

    private static Optional<TlsConfig> tls(ConfigSection agent) {
        return agent.section("tls").map(tls -> {
            tls.requireOnlyKeys(TlsConfig.KEYS);
            boolean pem = tls.has("certificate") || tls.has("key");
            if (pem && tls.has("keystore")) {
                throw tls.error("keystore", "give either certificate and key, or keystore, not both", "remove one");
            }
            if (pem && !(tls.has("certificate") && tls.has("key"))) {
                throw tls.error(tls.has("key") ? "certificate" : "key", "missing",
                        "give both, e.g. tls: { certificate: cert.pem, key: key.pem }");
            }
            if (!pem && !tls.has("keystore")) {
                throw tls.error("missing certificate and key", "e.g. tls: { certificate: cert.pem, key: key.pem }");
            }
            return new TlsConfig(tls.optionalString("certificate").map(Path::of), tls.optionalString("key").map(Path::of),
                    tls.optionalString("keystore").map(Path::of), tls.secret("password"));
        });
    }

    /** The schedule with this name, if any. */
    public Optional<ScheduleConfig> schedule(String name) {
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static void requireUniqueNames(List<ScheduleConfig> schedules, ConfigSection anySection) {
        Set<String> seen = new HashSet<>();
        for (ScheduleConfig schedule : schedules) {
            if (!seen.add(schedule.name())) {
                throw anySection.error("name", "schedule '" + schedule.name() + "' is defined twice", "rename one");
            }
        }
    }

    @Override
    public String toString() {
        // tokens are secrets: name the roles only
        return "AgentConfig[listen=" + listenHost + ":" + listenPort + ", roles=" + tokens.keySet() + ", tls="
                + tls.isPresent() + ", state=" + stateDirectory + ", schedules=" + schedules.size() + ", wal=" + wal.databases() + "]";
    }
}
