package io.cairn.agent;

import io.cairn.backup.postgres.WalStreamOptions;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code wal:} section as the agent reads it: which PostgreSQL databases it keeps streaming,
 * and each one's {@link WalStreamOptions} (a top-level {@code synchronous:} is every database's
 * default; a {@code wal.<db>} subsection sets one database's slot, intervals and so on).
 * <pre>
 * wal:
 *   stream: [main]
 *   synchronous: false
 *   main: { slot: cairn_main, partial-interval: 10s }
 * </pre>
 *
 * @param streams the options of every streamed database, in the order listed
 */
public record WalConfig(Map<String, WalStreamOptions> streams) {
    static final Set<String> OWN_KEYS = Set.of("stream", "synchronous");

    public WalConfig {
        streams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(streams));
    }

    /** No WAL streaming. */
    public static WalConfig none() {
        return new WalConfig(Map.of());
    }

    /** Reads and validates {@code wal:}: every streamed database must be a configured PostgreSQL database. */
    static WalConfig from(CairnConfig config) {
        return config.section("wal").map(section -> from(section, config)).orElseGet(WalConfig::none);
    }

    private static WalConfig from(ConfigSection section, CairnConfig config) {
        Set<String> allowed = new HashSet<>(OWN_KEYS);
        config.databases().values().stream().filter(d -> d.type() == DatabaseType.POSTGRESQL)
                .forEach(d -> allowed.add(d.id()));
        section.requireOnlyKeys(allowed);
        Map<String, WalStreamOptions> streams = new LinkedHashMap<>();
        for (String db : section.stringList("stream")) {
            DatabaseConfig database = config.databases().get(db);
            if (database == null) {
                throw section.error("stream", "no database '" + db + "' in databases: (configured: "
                        + config.databases().keySet() + ")", "list the id of a PostgreSQL database");
            }
            if (database.type() != DatabaseType.POSTGRESQL) {
                throw section.error("stream", "database '" + db + "' is " + database.type()
                        + "; WAL streaming is for PostgreSQL", "remove it from wal.stream");
            }
            if (streams.put(db, WalStreamOptions.from(section, db)) != null) {
                throw section.error("stream", "database '" + db + "' is listed twice", "list it once");
            }
        }
        return new WalConfig(streams);
    }

    /** The streamed databases, in the order listed. */
    public List<String> databases() {
        return List.copyOf(streams.keySet());
    }
}
