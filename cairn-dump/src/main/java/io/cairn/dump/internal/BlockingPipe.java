package io.cairn.dump.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connects a writer thread to a reader thread with bounded memory (at most {@code capacity}
 * blocks of {@link #BLOCK} bytes in flight), for sources that push bytes (a MongoDB cursor, a
 * repository read) into consumers that pull (the snapshot builder, a parser). A failure on
 * either side reaches the other: {@link #fail} makes the reader's next read throw, and a
 * reader that closes early makes further writes throw instead of blocking forever.
 */
public final class BlockingPipe {
    static final int BLOCK = 256 * 1024;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue;
    private volatile IOException failure;
    private volatile boolean readerClosed;
    private final Output output = new Output();
    private final Input input = new Input();

    public BlockingPipe(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** The writing end; close it to signal the end of the stream. */
    public OutputStream output() {
        return output;
    }

    /** The reading end. */
    public InputStream input() {
        return input;
    }

    /** Ends the stream with a failure that the reader sees instead of end-of-stream. */
    public void fail(IOException cause) {
        failure = cause;
        offer(END);
    }

    private void offer(byte[] block) {
        try {
            while (!readerClosed && !queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
                // waits for the reader; readerClosed ends the wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Output extends OutputStream {
        private byte[] buffer = new byte[BLOCK];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(data, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == buffer.length) {
                    flush();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (readerClosed) {
                throw new IOException("the reading side of the pipe was closed");
            }
            if (filled == 0) {
                return;
            }
            byte[] block = filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
            put(block);
            buffer = new byte[BLOCK];
            filled = 0;
        }

        private void put(byte[] block) throws IOException {
            try {
                while (!queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
                    if (readerClosed) {
                        throw new IOException("the reading side of the pipe was closed");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing to a pipe");
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flush();
            } finally {
                offer(END);
            }
        }
    }

    private final class Input extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended || !next()) {
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, target, offset, n);
            position += n;
            return n;
        }

        private boolean next() throws IOException {
            try {
                byte[] block = queue.take();
                if (block == END) {
                    ended = true;
                    if (failure != null) {
                        throw new IOException(failure.getMessage(), failure);
                    }
                    return false;
                }
                current = block;
                position = 0;
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading from a pipe");
            }
        }

        @Override
        public void close() {
            readerClosed = true;
            queue.clear();
        }
    }
}
