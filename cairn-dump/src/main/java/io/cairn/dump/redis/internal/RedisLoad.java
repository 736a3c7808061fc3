package io.cairn.dump.redis.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.LoadOptions;
import io.cairn.dump.internal.DumpManifest;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a Redis dump by walking its RDB file and sending each key of the source's database to
 * the target's database with {@code RESTORE key ttl payload ABSTTL}, pipelined: the payload is
 * the value exactly as the RDB serialized it (see {@link RdbReader}), so strings, lists, sets,
 * sorted sets, hashes and streams with their consumer groups come back with their encodings and
 * absolute expiry. Keys already expired are skipped; functions are restored with FUNCTION LOAD.
 * A target database that holds keys is refused unless {@code clean} (FLUSHDB first) or
 * {@code force} (RESTORE … REPLACE: same-named keys are overwritten, others kept).
 */
final class RedisLoad {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLoad.class);
    private static final Duration MIN_READ_TIMEOUT = Duration.ofSeconds(60);

    record State(int sourceDb, int targetDb) {
    }

    LoadPlan plan(LoadJob job) {
        DatabaseConfig target = job.target();
        LoadOptions options = job.options();
        if (options.create() || options.jobs() > 1 || options.noOwner()) {
            throw new CairnException(ErrorCode.USAGE, "loading into '" + target.id() + "': --create, --jobs and "
                    + "--no-owner do not apply to Redis");
        }
        DumpManifest manifest = job.manifest();
        int targetDb = RedisDump.dbIndex(target);
        try (RespConnection connection = RespConnection.open(target, timeout(target))) {
            RedisInfo server = new RedisInfo(connection.call("INFO", "server"));
            int rdbVersion = (int) manifest.longDetail("rdbVersion", -1);
            if (server.rdbVersion() > 0 && rdbVersion > server.rdbVersion()) {
                throw new CairnException(ErrorCode.PRECONDITION, "dump of '" + manifest.db() + "' comes from Redis "
                        + manifest.serverVersion() + " (RDB " + rdbVersion + "); '" + target.id() + "' runs Redis "
                        + server.version() + ", which reads RDB " + server.rdbVersion() + " at most (load it into a "
                        + "server at least as new as the source)");
            }
            connection.call("SELECT", Integer.toString(targetDb));
            long keys = (Long) connection.call("DBSIZE");
            if (keys > 0 && !options.clean() && !options.force()) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + target.id() + "': Redis database "
                        + targetDb + " already holds " + keys + " key(s); loading would mix or overwrite data. Pass "
                        + "--clean to empty it first (FLUSHDB: every key in it is deleted) or --force to overwrite "
                        + "keys of the same name and keep the others");
            }
        } catch (IOException e) {
            throw RespConnection.failure(target, e, "checking the target");
        }
        int sourceDb = (int) manifest.longDetail("dbIndex", 0);
        return new LoadPlan(manifest.entries(), false, "cairn (RESTORE)", new State(sourceDb, targetDb), List.of());
    }

    LoadOutcome load(LoadJob job, LoadPlan plan) {
        State state = plan.state(State.class);
        DatabaseConfig target = job.target();
        LoadOptions options = job.options();
        RestoreCounts counts = new RestoreCounts();
        try (RespConnection connection = RespConnection.open(target, timeout(target));
             InputStream rdb = job.reader().open(plan.entries().get(0))) {
            connection.call("SELECT", Integer.toString(state.targetDb()));
            if (options.clean()) {
                LOG.warn("database '{}': emptying Redis database {} (FLUSHDB) before loading, as --clean asked",
                        target.id(), state.targetDb());
                connection.call("FLUSHDB");
            }
            RdbReader reader = new RdbReader(rdb);
            RestorePipeline pipeline = new RestorePipeline(connection, reader.version(), options.force(), counts);
            KeyPatterns patterns = new KeyPatterns(options.tables());
            for (Optional<RdbReader.Item> item = reader.next(); item.isPresent(); item = reader.next()) {
                if (item.get() instanceof RdbReader.Entry entry) {
                    if (entry.db() != state.sourceDb()) {
                        counts.otherDatabases++;
                    } else if (patterns.matches(entry.key())) {
                        pipeline.restore(entry);
                    }
                } else if (item.get() instanceof RdbReader.Function function && patterns.matchesAll()) {
                    pipeline.loadFunction(function, options.clean() || options.force());
                }
            }
            pipeline.finish();
        } catch (IOException e) {
            throw loadFailure(target, e);
        }
        List<String> warnings = new ArrayList<>();
        if (counts.otherDatabases > 0) {
            warnings.add(counts.otherDatabases + " key(s) of other Redis databases in the snapshot were not loaded "
                    + "(a load restores database " + state.sourceDb() + ", the one the source URL names)");
        }
        return new LoadOutcome(counts.asMap(), warnings);
    }

    private static CairnException loadFailure(DatabaseConfig target, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CairnException cairn) {
                return cairn;
            }
        }
        return RespConnection.failure(target, e, "loading");
    }

    private static Duration timeout(DatabaseConfig config) {
        return config.queryTimeout().compareTo(MIN_READ_TIMEOUT) > 0 ? config.queryTimeout() : MIN_READ_TIMEOUT;
    }
}
