package io.cairn.migrate.internal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Checksums of migration files over their normalized text: a byte order mark, line endings
 * (CRLF, CR, LF), trailing whitespace on each line and blank lines at the end do not count, so
 * a file that only went through an editor or a Git autocrlf setting is not reported as changed.
 */
public final class Checksums {
    private Checksums() {
    }

    public static String normalize(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\r\n|\r|\n", -1);
        StringBuilder normalized = new StringBuilder(body.length());
        for (String line : lines) {
            normalized.append(line.stripTrailing()).append('\n');
        }
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == '\n') {
            end--;
        }
        normalized.setLength(end);
        return normalized.toString();
    }

    /** CRC32 of the normalized UTF-8 text, as a signed int (the history column is an INTEGER). */
    public static int of(String text) {
        CRC32 crc = new CRC32();
        crc.update(normalize(text).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
