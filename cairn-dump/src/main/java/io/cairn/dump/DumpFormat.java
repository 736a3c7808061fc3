package io.cairn.dump;

import com.fasterxml.jackson.annotation.JsonValue;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a dump is written. PostgreSQL offers {@link #PLAIN} (SQL), {@link #CUSTOM} (pg_dump's
 * archive, the default) and {@link #DIRECTORY} (one file per table, dumped in parallel);
 * MariaDB/MySQL dumps are always {@link #PLAIN} SQL, Redis dumps {@link #RDB} and MongoDB dumps
 * {@link #BSON} (one file of documents per collection, as mongodump writes them).
 */
public enum DumpFormat {
    PLAIN, CUSTOM, DIRECTORY, RDB, BSON;

    /** The lower-case name used on the command line and in JSON. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label such as {@code custom}; USAGE naming the valid ones otherwise. */
    public static DumpFormat parse(String text) {
        for (DumpFormat format : values()) {
            if (format.label().equalsIgnoreCase(text.trim())) {
                return format;
            }
        }
        throw new CairnException(ErrorCode.USAGE, "unknown dump format '" + text + "' (use one of "
                + Arrays.stream(values()).map(DumpFormat::label).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return label();
    }
}
