package io.cairn.repository.internal.chunk;

import io.cairn.repository.Chunker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a stream and hands out chunks as exact-size arrays. Works in a buffer of twice the
 * chunker's maximum (at least 1 MiB): each compaction moves less than one maximum chunk, so
 * copying costs at most one extra pass over the data. The buffer is the caller's, so one buffer
 * serves every file of a backup (allocating 16 MiB per small file would dominate the run time).
 * Not thread-safe.
 */
public final class ChunkReader {
    private final InputStream input;
    private final Chunker chunker;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean endOfStream;

    public ChunkReader(InputStream input, Chunker chunker) {
        this(input, chunker, new byte[bufferSize(chunker)]);
    }

    /** Reads with a caller-owned buffer of at least {@link #bufferSize} bytes. */
    public ChunkReader(InputStream input, Chunker chunker, byte[] buffer) {
        if (buffer.length < bufferSize(chunker)) {
            throw new IllegalArgumentException("chunk buffer of " + buffer.length + " bytes, need " + bufferSize(chunker));
        }
        this.input = input;
        this.chunker = chunker;
        this.buffer = buffer;
    }

    public static int bufferSize(Chunker chunker) {
        return Math.max(2 * chunker.maxSize(), 1 << 20);
    }

    /** The next chunk, or empty at the end of the stream. */
    public Optional<byte[]> next() throws IOException {
        fill();
        int available = end - start;
        if (available == 0) {
            return Optional.empty();
        }
        int length = chunker.cut(buffer, start, available);
        if (length <= 0 || length > available) {
            throw new IllegalStateException(chunker.describe() + " returned a cut of " + length + " for " + available + " bytes");
        }
        byte[] chunk = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        return Optional.of(chunk);
    }

    private void fill() throws IOException {
        int wanted = chunker.maxSize();
        if (endOfStream || end - start >= wanted) {
            return;
        }
        if (buffer.length - start < wanted) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < buffer.length && !endOfStream) {
            int read = input.read(buffer, end, buffer.length - end);
            if (read < 0) {
                endOfStream = true;
            } else {
                end += read;
            }
        }
    }
}
