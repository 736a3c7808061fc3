package io.cairn.migrate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A migration version such as {@code 1}, {@code 1.1} or {@code 2.0.3}, ordered numerically part
 * by part (so 1.10 comes after 1.9). In file names an underscore may stand for the dot
 * ({@code V1_1__x.sql} is 1.1). Trailing zero parts do not count: 1.0 equals 1.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    private final List<BigInteger> parts;
    private final String text;

    private MigrationVersion(List<BigInteger> parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    /** Parses "1", "1.1", "2.0.3" or "1_1"; a CairnException USAGE names what is wrong. */
    @JsonCreator
    public static MigrationVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String normalized = text.trim().replace('_', '.');
        if (normalized.isEmpty() || !normalized.matches("\\d+(\\.\\d+)*")) {
            throw new CairnException(ErrorCode.USAGE, "\"" + text
                    + "\" is not a migration version (use digits separated by dots, e.g. 1, 1.1 or 2.0.3)");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : normalized.split("\\.")) {
            parts.add(new BigInteger(part));
        }
        return new MigrationVersion(Collections.unmodifiableList(parts), normalized);
    }

    /** True when {@code text} parses as a version. */
    public static boolean isValid(String text) {
        return text != null && text.trim().replace('_', '.').matches("\\d+(\\.\\d+)*");
    }

    /** The first part plus one, e.g. 3 after 2.0.3: what {@code cairn migrate new} numbers a file. */
    public MigrationVersion nextMajor() {
        BigInteger next = parts.get(0).add(BigInteger.ONE);
        return new MigrationVersion(List.of(next), next.toString());
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            BigInteger mine = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger theirs = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int order = mine.compareTo(theirs);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationVersion && compareTo((MigrationVersion) other) == 0;
    }

    @Override
    public int hashCode() {
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return parts.subList(0, end).hashCode();
    }

    /** The version with dots, as written (underscores turned into dots). */
    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}
