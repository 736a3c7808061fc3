package io.cairn.dump.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Walks an RDB file (versions up to 12, Redis 2.x to 7.4) and yields each key with its database,
 * its absolute expiry and its value exactly as serialized: the value's type byte and bytes are
 * what a DUMP payload holds, so a load can hand them to RESTORE without decoding lists,
 * listpacks or streams, and every encoding comes back as it was. Functions (Redis 7) are
 * yielded as their library code. Module values are skipped over by their self-describing
 * opcodes and restored like any value (the module must be loaded on the target).
 */
final class RdbReader {
    /** Something the RDB file holds. */
    sealed interface Item permits Entry, Function {
    }

    /** A key: database index, name, absolute expiry in ms (or -1), type byte + serialized value. */
    record Entry(int db, byte[] key, long expireAtMillis, byte[] value) implements Item {
    }

    /** A function library's source code (FUNCTION LOAD restores it). */
    record Function(byte[] code) implements Item {
    }

    private final RdbInput in;
    private final int version;
    private int db;

    RdbReader(InputStream stream) throws IOException {
        this.in = new RdbInput(stream);
        String magic = new String(in.readBytes(9), StandardCharsets.US_ASCII);
        if (!magic.startsWith("REDIS") || !magic.substring(5).chars().allMatch(Character::isDigit)) {
            throw new IOException("not an RDB snapshot (it starts with '" + magic.replaceAll("\\p{Cntrl}", "?") + "')");
        }
        this.version = Integer.parseInt(magic.substring(5));
        if (version > RdbValues.MAX_VERSION) {
            throw new IOException("RDB version " + version + " is newer than Cairn understands (" + RdbValues.MAX_VERSION + ")");
        }
    }

    int version() {
        return version;
    }

    /** The next key or function, or empty at the end of the file. */
    Optional<Item> next() throws IOException {
        long expire = -1;
        while (true) {
            int opcode = in.readByte();
            switch (opcode) {
                case 0xFF:
                    return Optional.empty();
                case 0xFE:
                    db = (int) in.readPlainLength();
                    break;
                case 0xFA:
                    in.skipString();
                    in.skipString();
                    break;
                case 0xFB:
                    in.readPlainLength();
                    in.readPlainLength();
                    break;
                case 0xFD:
                    expire = in.readLittleEndian(4) * 1000L;
                    break;
                case 0xFC:
                    expire = in.readLittleEndian(8);
                    break;
                case 0xF8:
                    in.readPlainLength();
                    break;
                case 0xF9:
                    in.readByte();
                    break;
                case 0xF7:
                    in.readPlainLength();
                    in.readPlainLength();
                    in.readPlainLength();
                    RdbValues.skipModuleData(in);
                    break;
                case 0xF5:
                    return Optional.of(new Function(in.readString()));
                case 0xF6:
                    throw new IOException("the RDB snapshot holds functions in the Redis 7.0 release-candidate format, "
                            + "which Cairn does not load");
                case 0xF4:
                    in.readPlainLength();
                    in.readPlainLength();
                    in.readPlainLength();
                    break;
                default:
                    byte[] key = in.readString();
                    in.startRecording(opcode);
                    RdbValues.skip(in, opcode);
                    return Optional.of(new Entry(db, key, expire, in.stopRecording()));
            }
        }
    }
}
