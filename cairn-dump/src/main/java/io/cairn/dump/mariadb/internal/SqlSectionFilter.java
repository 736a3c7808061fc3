package io.cairn.dump.mariadb.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Passes on only the parts of a mariadb-dump/mysqldump SQL stream that concern some tables:
 * the session settings at the top and bottom, and the sections that the dump tools head with
 * {@code -- Table structure for table `t`}, {@code -- Dumping data for table `t`} (which also
 * holds the table's triggers) and the two view headers; routines and events are left out.
 * Works on a stream of any size: only the first bytes of each line are looked at, never a
 * whole line (an extended INSERT can be many megabytes).
 */
final class SqlSectionFilter extends OutputStream {
    private static final int HEAD = 512;
    private static final String[] TABLE_HEADERS = {"-- Table structure for table `", "-- Dumping data for table `",
        "-- Temporary table structure for view `", "-- Final view structure for view `"};
    private static final String[] DROPPED_HEADERS = {"-- Dumping events for database", "-- Dumping routines for database"};
    private static final String TRAILER = "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */";

    private final OutputStream out;
    private final Set<String> tables;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(HEAD);
    private boolean keep = true;
    private boolean atLineStart = true;

    SqlSectionFilter(OutputStream out, Set<String> tables) {
        this.out = out;
        this.tables = Set.copyOf(tables);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (atLineStart) {
                position = collectHead(data, position, end);
                continue;
            }
            int newline = indexOf(data, position, end);
            int stop = newline < 0 ? end : newline + 1;
            if (keep) {
                out.write(data, position, stop - position);
            }
            position = stop;
            atLineStart = newline >= 0;
        }
    }

    /** Gathers the start of a line until a newline or {@link #HEAD} bytes, then decides the section. */
    private int collectHead(byte[] data, int position, int end) throws IOException {
        int room = HEAD - head.size();
        int newline = indexOf(data, position, Math.min(end, position + room));
        int stop = newline >= 0 ? newline + 1 : Math.min(end, position + room);
        head.write(data, position, stop - position);
        if (newline >= 0 || head.size() >= HEAD) {
            decide(head.toString(StandardCharsets.UTF_8));
            if (keep) {
                head.writeTo(out);
            }
            head.reset();
            atLineStart = newline >= 0;
        }
        return stop;
    }

    private void decide(String line) {
        for (String header : TABLE_HEADERS) {
            if (line.startsWith(header)) {
                keep = tables.contains(name(line.substring(header.length())));
                return;
            }
        }
        for (String header : DROPPED_HEADERS) {
            if (line.startsWith(header)) {
                keep = false;
                return;
            }
        }
        if (line.startsWith(TRAILER)) {
            keep = true;
        }
    }

    /** The identifier up to its closing backtick, with doubled backticks undone. */
    private static String name(String rest) {
        int close = rest.lastIndexOf('`');
        return (close < 0 ? rest.strip() : rest.substring(0, close)).replace("``", "`");
    }

    private static int indexOf(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Passes on a last line that had no newline; does not close the wrapped stream. */
    @Override
    public void close() throws IOException {
        if (head.size() > 0) {
            decide(head.toString(StandardCharsets.UTF_8));
            if (keep) {
                head.writeTo(out);
            }
            head.reset();
        }
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
