package io.cairn.dump.redis.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends RESTORE commands in batches (up to 256 commands or 8 MiB) and checks every reply. The
 * payload is the RDB value followed by the RDB version (2 bytes) and the CRC-64 of both (8
 * bytes), little-endian: the layout DUMP produces and RESTORE verifies.
 */
final class RestorePipeline {
    private static final int MAX_COMMANDS = 256;
    private static final long MAX_BYTES = 8L << 20;

    private final RespConnection connection;
    private final int rdbVersion;
    private final boolean replace;
    private final RestoreCounts counts;
    private final List<byte[]> pendingKeys = new ArrayList<>();
    private long pendingBytes;

    RestorePipeline(RespConnection connection, int rdbVersion, boolean replace, RestoreCounts counts) {
        this.connection = connection;
        this.rdbVersion = rdbVersion;
        this.replace = replace;
        this.counts = counts;
    }

    void restore(RdbReader.Entry entry) throws IOException {
        if (entry.expireAtMillis() >= 0 && entry.expireAtMillis() <= System.currentTimeMillis()) {
            counts.expired++;
            return;
        }
        List<byte[]> command = new ArrayList<>(List.of(RespConnection.bytes("RESTORE"), entry.key(),
                RespConnection.bytes(Long.toString(Math.max(0, entry.expireAtMillis()))), payload(entry.value())));
        if (replace) {
            command.add(RespConnection.bytes("REPLACE"));
        }
        if (entry.expireAtMillis() >= 0) {
            command.add(RespConnection.bytes("ABSTTL"));
        }
        connection.send(command);
        pendingKeys.add(entry.key());
        pendingBytes += entry.value().length;
        if (pendingKeys.size() >= MAX_COMMANDS || pendingBytes >= MAX_BYTES) {
            drain();
        }
    }

    void loadFunction(RdbReader.Function function, boolean replace) throws IOException {
        drain();
        List<byte[]> command = new ArrayList<>(List.of(RespConnection.bytes("FUNCTION"), RespConnection.bytes("LOAD")));
        if (replace) {
            command.add(RespConnection.bytes("REPLACE"));
        }
        command.add(function.code());
        connection.send(command);
        connection.flush();
        try {
            connection.readReply();
        } catch (RespConnection.ErrorReply e) {
            throw new CairnException(ErrorCode.PRECONDITION, "loading a function library failed: " + e.getMessage()
                    + " (pass --clean or --force to replace libraries of the same name)", e);
        }
        counts.functions++;
    }

    void finish() throws IOException {
        drain();
    }

    private void drain() throws IOException {
        connection.flush();
        RespConnection.ErrorReply first = null;
        byte[] failedKey = null;
        for (byte[] key : pendingKeys) {
            try {
                connection.readReply();
                counts.keys++;
            } catch (RespConnection.ErrorReply e) {
                if (first == null) {
                    first = e;
                    failedKey = key;
                }
            }
        }
        pendingKeys.clear();
        pendingBytes = 0;
        if (first != null) {
            String key = new String(failedKey, StandardCharsets.UTF_8);
            if (first.code().equals("BUSYKEY")) {
                throw new CairnException(ErrorCode.PRECONDITION, "key '" + key + "' already exists in the target "
                        + "(pass --force to overwrite keys of the same name, or --clean to empty the database first)", first);
            }
            throw new CairnException(ErrorCode.DATABASE_ERROR, "RESTORE of key '" + key + "' failed: " + first.getMessage(), first);
        }
    }

    private byte[] payload(byte[] value) {
        byte[] payload = new byte[value.length + 10];
        System.arraycopy(value, 0, payload, 0, value.length);
        payload[value.length] = (byte) rdbVersion;
        payload[value.length + 1] = (byte) (rdbVersion >> 8);
        long crc = Crc64.of(payload, 0, value.length + 2);
        for (int i = 0; i < 8; i++) {
            payload[value.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return payload;
    }
}
