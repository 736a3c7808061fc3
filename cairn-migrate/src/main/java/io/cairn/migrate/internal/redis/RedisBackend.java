package io.cairn.migrate.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import io.cairn.migrate.MigrationSettings;
import io.cairn.migrate.PlannedStatement;
import io.cairn.migrate.internal.Backend;
import io.cairn.migrate.internal.JavaCall;
import io.cairn.migrate.internal.LeaseLock;
import io.cairn.migrate.internal.ResolvedMigration;
import io.cairn.migrate.internal.Step;
import io.cairn.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Migrations on Redis: commands sent one by one through the DataManager's connection, the
 * history in a hash (field = zero-padded rank, value = the entry as JSON), the lock a lease
 * key ({@code SET NX PX}, renewed with a compare-and-expire script).
 */
public final class RedisBackend implements Backend {
    private final DataManager dataManager;
    private final String db;
    private final MigrationSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public RedisBackend(DataManager dataManager, String db, MigrationSettings settings, Clock clock, Sleeper sleeper) {
        this.dataManager = dataManager;
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public List<Step> steps(ResolvedMigration migration, boolean undo) {
        if (migration.java().isPresent()) {
            JavaCall call = new JavaCall(migration.java().get(), undo);
            return List.of(new Step(new PlannedStatement(0, call.describe()), call));
        }
        List<Step> steps = new ArrayList<>();
        for (RedisScript.Command command : RedisScript.parse(migration.content().orElseThrow(), migration.script())) {
            steps.add(new Step(new PlannedStatement(command.line(), command.text()), command.arguments()));
        }
        return steps;
    }

    /** Redis has no rollback: every command stands on its own. */
    @Override
    public boolean transactional(ResolvedMigration migration) {
        return false;
    }

    @Override
    public Session open(boolean lock) {
        if (dataManager.config().database(db).isRedisCluster()) {
            // the history, the lease and the scripts assume one keyspace on one server; untested on a cluster
            throw new CairnException(ErrorCode.USAGE, "migrations of database '" + db
                    + "': Redis migrations are not supported on Redis Cluster yet (run them against a standalone server)");
        }
        dataManager.queryDatabase(db, "PING");
        Optional<LeaseLock> lease = lock ? Optional.of(LeaseLock.acquire(db, new LeaseStore(),
                settings.lease(), settings.lockTimeout(), clock, sleeper)) : Optional.empty();
        return new RedisSession(this, lease);
    }

    String db() {
        return db;
    }

    String historyKey() {
        return settings.redisKey();
    }

    DataManager dataManager() {
        return dataManager;
    }

    Object command(String name, Object... args) {
        return dataManager.queryDatabase(db, name, args);
    }

    DatabaseType type() {
        return DatabaseType.REDIS;
    }

    /** The lease at {@code <redisKey>:lock}; its expiry is kept by the server, so client clocks do not matter. */
    private final class LeaseStore implements LeaseLock.Store {
        private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
                + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
        private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
                + "return redis.call('del', KEYS[1]) else return 0 end";

        private String key() {
            return settings.redisKey() + ":lock";
        }

        @Override
        public boolean tryAcquire(String token, Duration length) {
            return "OK".equals(command("SET", key(), token, "NX", "PX", length.toMillis()));
        }

        @Override
        public boolean renew(String token, Duration length) {
            return Long.valueOf(1).equals(command("EVAL", RENEW, 1, key(), token, length.toMillis()));
        }

        @Override
        public void release(String token) {
            command("EVAL", RELEASE, 1, key(), token);
        }

        @Override
        public Optional<String> holder() {
            try {
                Object holder = command("GET", key());
                Object ttl = command("PTTL", key());
                return holder == null ? Optional.empty() : Optional.of(holder + ", expires in " + ttl + " ms");
            } catch (CairnException e) {
                return Optional.empty();
            }
        }
    }
}
