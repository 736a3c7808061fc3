package io.cairn.dump.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.dump.DumpFormat;
import io.cairn.dump.DumpOptions;
import io.cairn.dump.mariadb.internal.MariaDbEngine;
import io.cairn.dump.mariadb.internal.MariaDbTools;
import io.cairn.dump.mongodb.internal.MongoEngine;
import io.cairn.dump.postgres.PostgresTools;
import io.cairn.dump.postgres.internal.PostgresEngine;
import io.cairn.dump.redis.internal.RedisEngine;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The engine for each database type, and the checks of options that apply across engines. */
public final class Engines {
    private final Map<DatabaseType, DumpEngine> engines;

    private Engines(Map<DatabaseType, DumpEngine> engines) {
        this.engines = engines;
    }

    /** The engines, with PostgreSQL's client programs found by {@code postgresTools}. */
    public static Engines standard(PostgresTools postgresTools) {
        Map<DatabaseType, DumpEngine> engines = new EnumMap<>(DatabaseType.class);
        engines.put(DatabaseType.POSTGRESQL, PostgresEngine.create(postgresTools));
        DumpEngine mariaDb = MariaDbEngine.create(MariaDbTools.system());
        engines.put(DatabaseType.MARIADB, mariaDb);
        engines.put(DatabaseType.MYSQL, mariaDb);
        engines.put(DatabaseType.REDIS, RedisEngine.create());
        engines.put(DatabaseType.MONGODB, MongoEngine.create());
        return new Engines(engines);
    }

    public DumpEngine forType(DatabaseType type) {
        DumpEngine engine = engines.get(type);
        if (engine == null) {
            throw new CairnException(ErrorCode.USAGE, type + " databases cannot be dumped");
        }
        return engine;
    }

    /** Options that the database or format cannot honour fail here, before anything runs. */
    public void checkDumpOptions(DatabaseConfig source, DumpEngine engine, DumpFormat format, DumpOptions options) {
        String prefix = "dump of '" + source.id() + "' (" + source.type() + "): ";
        refuseCluster(source, "dump of '" + source.id() + "'");
        if (!engine.formats().contains(format)) {
            throw new CairnException(ErrorCode.USAGE, prefix + "format " + format + " is not available (use "
                    + engine.formats().stream().map(DumpFormat::label).sorted().collect(Collectors.joining(", ")) + ")");
        }
        if (options.jobs() > 1 && format != DumpFormat.DIRECTORY) {
            throw new CairnException(ErrorCode.USAGE, prefix + "--jobs needs --format directory (PostgreSQL only)");
        }
        if ((options.schemaOnly() || options.dataOnly()) && !source.type().isSql()) {
            throw new CairnException(ErrorCode.USAGE, prefix + "--schema-only and --data-only apply to SQL databases");
        }
        if (!options.tables().isEmpty() && source.type() == DatabaseType.REDIS) {
            throw new CairnException(ErrorCode.USAGE, prefix + "a Redis dump always holds the whole server (an RDB "
                    + "snapshot); choose keys when loading, with --table PATTERN");
        }
    }

    /**
     * The Redis engine reads one server's RDB over one connection and restores into one server: on a
     * cluster it would dump a single node's slots and load keys into nodes that do not own them.
     */
    static void refuseCluster(DatabaseConfig database, String what) {
        if (database.isRedisCluster()) {
            throw new CairnException(ErrorCode.USAGE, what + ": dumps and loads are not supported on Redis Cluster yet "
                    + "(dump each master with its own redis://host:port URL)");
        }
    }

    /** A dump loads into a database of the same kind (MariaDB and MySQL count as one). */
    public void checkCompatible(DumpManifest manifest, DatabaseConfig target, String dumpId) {
        refuseCluster(target, "load of dump " + dumpId + " into '" + target.id() + "'");
        if (forType(manifest.type()) != forType(target.type())) {
            throw new CairnException(ErrorCode.USAGE, "dump " + dumpId + " is a " + manifest.type() + " dump of '"
                    + manifest.db() + "'; it cannot be loaded into " + target.type() + " database '" + target.id() + "'");
        }
    }
}
