package io.cairn.dump.redis.internal;

import java.io.IOException;

/** LZF decompression, for the strings Redis compresses in RDB files (rdbcompression yes). */
final class Lzf {
    private Lzf() {
    }

    static byte[] decompress(byte[] in, int expectedLength) throws IOException {
        byte[] out = new byte[expectedLength];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int control = in[ip++] & 0xff;
            if (control < 32) {
                int length = control + 1;
                if (op + length > out.length || ip + length > in.length) {
                    throw new IOException("corrupt LZF string in the RDB snapshot");
                }
                System.arraycopy(in, ip, out, op, length);
                ip += length;
                op += length;
                continue;
            }
            int length = control >> 5;
            if (length == 7) {
                length += in[ip++] & 0xff;
            }
            int reference = op - ((control & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
            length += 2;
            if (reference < 0 || op + length > out.length) {
                throw new IOException("corrupt LZF string in the RDB snapshot");
            }
            for (int i = 0; i < length; i++) {
                out[op++] = out[reference++];
            }
        }
        if (op != expectedLength) {
            throw new IOException("corrupt LZF string in the RDB snapshot (" + op + " of " + expectedLength + " bytes)");
        }
        return out;
    }
}
