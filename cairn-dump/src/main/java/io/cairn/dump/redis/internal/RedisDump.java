package io.cairn.dump.redis.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a consistent RDB snapshot the way a replica does, so no shell access to the server is
 * needed: {@code PSYNC ? -1} asks for a full resynchronisation, the server forks and writes a
 * point-in-time RDB, and sends it as {@code $<length>} followed by the bytes, which are streamed
 * straight into the snapshot. Cairn does not announce diskless-sync capability ({@code capa eof}),
 * so the server uses its disk-based path: no {@code repl-diskless-sync-delay} (5 s by default) to
 * wait for other replicas, but the server needs room in its {@code dir} for a temporary RDB.
 */
final class RedisDump {
    private static final Duration MIN_READ_TIMEOUT = Duration.ofSeconds(60);

    DumpFacts run(DumpJob job) {
        DatabaseConfig config = job.source();
        Duration timeout = config.queryTimeout().compareTo(MIN_READ_TIMEOUT) > 0 ? config.queryTimeout() : MIN_READ_TIMEOUT;
        try (RespConnection connection = RespConnection.open(config, timeout)) {
            RedisInfo server = new RedisInfo(call(connection, config, "INFO", "server"));
            RedisInfo keyspace = new RedisInfo(call(connection, config, "INFO", "keyspace"));
            long length = startFullSync(connection, config);
            RdbTransfer transfer = new RdbTransfer(connection.input(), length);
            try (InputStream payload = transfer) {
                job.writer().add("dump.rdb", payload);
            } catch (CairnException e) {
                throw interrupted(config, e).orElse(e);
            } catch (IOException e) {
                throw RespConnection.failure(config, e, "reading the RDB snapshot");
            }
            if (!transfer.checksumMatches() || transfer.rdbVersion() < 0) {
                throw new CairnException(ErrorCode.INTEGRITY, "database '" + config.id() + "': the RDB snapshot "
                        + "received from " + config.url().address() + " failed its CRC-64 check; nothing was saved (try again)");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rdbVersion", transfer.rdbVersion());
            details.put("dbIndex", dbIndex(config));
            details.put("keys", keyspace.keyspace());
            return new DumpFacts(Optional.of(Integer.toString(dbIndex(config))), server.version(), "cairn",
                    "PSYNC (RDB " + transfer.rdbVersion() + ")", List.of(), details, List.of());
        }
    }

    static int dbIndex(DatabaseConfig config) {
        return Integer.parseInt(config.url().database().orElse("0"));
    }

    private static Object call(RespConnection connection, DatabaseConfig config, String... command) {
        try {
            return connection.call(command);
        } catch (IOException e) {
            throw RespConnection.failure(config, e, command[0]);
        }
    }

    /** Sends PSYNC, reads +FULLRESYNC, skips the keep-alive newlines, returns the payload's length. */
    private static long startFullSync(RespConnection connection, DatabaseConfig config) {
        try {
            Object reply = connection.call("PSYNC", "?", "-1");
            if (!String.valueOf(reply).startsWith("FULLRESYNC")) {
                throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + config.id()
                        + "': the server answered PSYNC with '" + reply + "' instead of a full resynchronisation");
            }
            InputStream in = connection.input();
            int b = in.read();
            while (b == '\n' || b == '\r') {
                b = in.read();
            }
            if (b == '-') {
                throw new RespConnection.ErrorReply(connection.readLine());
            }
            String line = connection.readLine();
            if (b != '$' || line.startsWith("EOF:")) {
                throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + config.id()
                        + "': unexpected start of the RDB transfer from " + config.url().address());
            }
            return Long.parseLong(line);
        } catch (IOException e) {
            throw RespConnection.failure(config, e, "PSYNC (replication snapshot)");
        }
    }

    /** A snapshot builder failure caused by the transfer breaking off, as CONNECTION_FAILED. */
    private static Optional<CairnException> interrupted(DatabaseConfig config, CairnException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RdbTransfer.Interrupted) {
                return Optional.of(new CairnException(ErrorCode.CONNECTION_FAILED, "database '" + config.id() + "': "
                        + t.getMessage() + "; nothing was saved (is the server at " + config.url().address()
                        + " still running?)", failure));
            }
        }
        return Optional.empty();
    }
}
