package io.cairn.embedded.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The log file a server process writes its stdout and stderr to. Opened by this JVM (not by the
 * server user), appended to across restarts; readers look at the text written since an offset.
 */
public final class ServerLog {
    /** The tail is read from at most this many trailing bytes, so huge logs stay cheap. */
    private static final int TAIL_WINDOW_BYTES = 64 * 1024;

    private final Path file;

    public ServerLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The current size: the offset at which text written from now on starts. */
    public long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Text appended since {@code offset} (at most the last 64 KiB of it). */
    public String since(long offset) {
        long size = size();
        if (size <= offset) {
            return "";
        }
        long start = Math.max(offset, size - TAIL_WINDOW_BYTES);
        return read(start, (int) (size - start));
    }

    /** The last {@code lines} lines, or "" when nothing was logged. */
    public String tail(int lines) {
        long size = size();
        long start = Math.max(0, size - TAIL_WINDOW_BYTES);
        return lastLines(read(start, (int) (size - start)), lines);
    }

    /** The last {@code lines} lines of {@code text}. */
    public static String lastLines(String text, int lines) {
        Deque<String> kept = new ArrayDeque<>();
        for (String line : text.split("\\R")) {
            kept.addLast(line);
            if (kept.size() > lines) {
                kept.removeFirst();
            }
        }
        return String.join(System.lineSeparator(), kept).strip();
    }

    private String read(long start, int length) {
        if (length <= 0) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[length];
            in.seek(start);
            int read = in.read(bytes);
            return read <= 0 ? "" : new String(bytes, 0, read, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
