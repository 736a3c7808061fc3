package io.cairn.backup.postgres;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code wal:} section, the one reader of it: which PostgreSQL databases the agent keeps
 * streaming, and every PostgreSQL database's {@link WalStreamOptions} (a top-level
 * {@code synchronous:} is every database's default; a {@code wal.<db>} subsection sets one
 * database's slot, intervals and so on). {@code cairn pg wal stream}, the agent and
 * {@code WalStreamMain} all take their options from here.
 * <pre>
 * wal:
 *   stream: [main]
 *   synchronous: false
 *   main: { slot: cairn_main, partial-interval: 10s }
 * </pre>
 */
public final class WalConfig {
    static final Set<String> OWN_KEYS = Set.of("stream", "synchronous");

    private final Map<String, WalStreamOptions> streams;
    private final Map<String, WalStreamOptions> options;

    private WalConfig(Map<String, WalStreamOptions> streams, Map<String, WalStreamOptions> options) {
        this.streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** No WAL streaming, default options for every database. */
    public static WalConfig none() {
        return new WalConfig(Map.of(), Map.of());
    }

    /** Reads and validates {@code wal:}: every streamed database must be a configured PostgreSQL database. */
    public static WalConfig from(CairnConfig config) {
        return config.section("wal").map(section -> from(section, config)).orElseGet(WalConfig::none);
    }

    private static WalConfig from(ConfigSection section, CairnConfig config) {
        Set<String> allowed = new HashSet<>(OWN_KEYS);
        Map<String, WalStreamOptions> options = new LinkedHashMap<>();
        for (DatabaseConfig database : config.databases().values()) {
            if (database.type() == DatabaseType.POSTGRESQL) {
                allowed.add(database.id());
                options.put(database.id(), WalStreamOptions.from(section, database.id()));
            }
        }
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
            if (streams.put(db, options.get(db)) != null) {
                throw section.error("stream", "database '" + db + "' is listed twice", "list it once");
            }
        }
        return new WalConfig(streams, options);
    }

    /** The options of every streamed database, in the order listed. */
    public Map<String, WalStreamOptions> streams() {
        return streams;
    }

    /** The streamed databases, in the order listed. */
    public List<String> databases() {
        return List.copyOf(streams.keySet());
    }

    /** The streaming options of one database, streamed or not: its {@code wal.<db>} settings, else the defaults. */
    public WalStreamOptions options(String db) {
        return Optional.ofNullable(options.get(db)).orElseGet(() -> WalStreamOptions.defaults(db));
    }

    @Override
    public String toString() {
        return "WalConfig[streams=" + streams.keySet() + "]";
    }
}
