package io.cairn.repository.internal.crypto;

import java.nio.ByteBuffer;

/**
 * Per-thread direct buffers for staging AES-GCM input and output (see {@link Crypto} for why).
 * Each grows to the largest message its thread has sealed or opened (at most a maximum blob
 * plus overhead, 16 MiB + 28 bytes) and is freed with the thread.
 */
final class DirectBuffers {
    private static final ThreadLocal<DirectBuffers> CURRENT = ThreadLocal.withInitial(DirectBuffers::new);
    private static final int INITIAL = 64 * 1024;

    private ByteBuffer input = ByteBuffer.allocateDirect(INITIAL);
    private ByteBuffer output = ByteBuffer.allocateDirect(INITIAL);

    static DirectBuffers current() {
        return CURRENT.get();
    }

    /** A cleared buffer with room for {@code length} bytes. */
    ByteBuffer input(int length) {
        input = ensure(input, length);
        return input;
    }

    ByteBuffer output(int length) {
        output = ensure(output, length);
        return output;
    }

    private static ByteBuffer ensure(ByteBuffer buffer, int length) {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocateDirect(Math.max(length, buffer.capacity() * 2));
        }
        buffer.clear();
        return buffer;
    }
}
