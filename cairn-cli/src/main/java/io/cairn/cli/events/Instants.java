package io.cairn.cli.events;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads the times of --from/--to: an ISO instant, a date-time with offset, or (UTC) a date-time or a date. */
final class Instants {
    private Instants() {
    }

    static Instant parse(String option, String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z")) {
                return Instant.parse(text);
            }
            if (text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new CairnException(ErrorCode.USAGE, option + ": '" + text + "' is not a time; write 2024-05-01, "
                    + "2024-05-01T12:00 (UTC) or 2024-05-01T12:00:00+02:00");
        }
    }
}
