package io.cairn.dump.redis.internal;

import java.io.IOException;

/** How each RDB value type is laid out, enough to step over one value (see rdb.h in Redis). */
final class RdbValues {
    static final int MAX_VERSION = 12;

    private RdbValues() {
    }

    static void skip(RdbInput in, int type) throws IOException {
        switch (type) {
            case 0, 9, 10, 11, 12, 13, 16, 17, 20 -> in.skipString(); // string, or one ziplist/listpack/intset blob
            case 1, 2 -> strings(in, in.readPlainLength());           // list, set
            case 3 -> {                                               // zset: member + double as text
                long count = in.readPlainLength();
                for (long i = 0; i < count; i++) {
                    in.skipString();
                    int length = in.readByte();
                    if (length < 253) {
                        in.skip(length);
                    }
                }
            }
            case 4 -> strings(in, 2 * in.readPlainLength());          // hash: field, value
            case 5 -> {                                               // zset: member + binary double
                long count = in.readPlainLength();
                for (long i = 0; i < count; i++) {
                    in.skipString();
                    in.skip(8);
                }
            }
            case 7 -> {                                               // module value, self-describing
                in.readPlainLength();
                skipModuleData(in);
            }
            case 14 -> strings(in, in.readPlainLength());             // quicklist of ziplists
            case 18 -> {                                              // quicklist of listpacks
                long nodes = in.readPlainLength();
                for (long i = 0; i < nodes; i++) {
                    in.readPlainLength();
                    in.skipString();
                }
            }
            case 15, 19, 21 -> skipStream(in, type);
            case 6 -> throw new IOException("the RDB snapshot holds a module value in the pre-4.0 format, which "
                    + "cannot be read without the module");
            default -> throw new IOException("the RDB snapshot holds a value of type " + type
                    + ", which this Cairn does not know (Redis newer than 7.4?)");
        }
    }

    private static void strings(RdbInput in, long count) throws IOException {
        for (long i = 0; i < count; i++) {
            in.skipString();
        }
    }

    /** Module data: opcodes (sint, uint, float, double, string) until the EOF opcode 0. */
    static void skipModuleData(RdbInput in) throws IOException {
        for (long opcode = in.readPlainLength(); opcode != 0; opcode = in.readPlainLength()) {
            switch ((int) opcode) {
                case 1, 2 -> in.readPlainLength();
                case 3 -> in.skip(4);
                case 4 -> in.skip(8);
                case 5 -> in.skipString();
                default -> throw new IOException("unknown module data opcode " + opcode + " in the RDB snapshot");
            }
        }
    }

    /** Streams: listpacks, metadata, consumer groups with their pending entries and consumers. */
    private static void skipStream(RdbInput in, int type) throws IOException {
        long listpacks = in.readPlainLength();
        strings(in, 2 * listpacks);
        lengths(in, 3);                                      // items, last id ms, last id seq
        if (type >= 19) {
            lengths(in, 5);                                  // first id, max deleted id, entries added
        }
        long groups = in.readPlainLength();
        for (long g = 0; g < groups; g++) {
            in.skipString();
            lengths(in, type >= 19 ? 3 : 2);                 // last id (ms, seq) [, entries read]
            long pending = in.readPlainLength();
            for (long p = 0; p < pending; p++) {
                in.skip(16 + 8);                             // raw id, delivery time
                in.readPlainLength();                        // delivery count
            }
            long consumers = in.readPlainLength();
            for (long c = 0; c < consumers; c++) {
                in.skipString();
                in.skip(type >= 21 ? 16 : 8);                // seen time [, active time]
                long owned = in.readPlainLength();
                in.skip(16 * owned);
            }
        }
    }

    private static void lengths(RdbInput in, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            in.readPlainLength();
        }
    }
}
