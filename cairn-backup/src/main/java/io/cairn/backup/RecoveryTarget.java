package io.cairn.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a point-in-time restore stops. Semantics are PostgreSQL's recovery targets: a commit
 * time, a WAL position, a transaction id, a named restore point, the first consistent point of
 * the backup ({@link Kind#IMMEDIATE}) or the end of the archived WAL ({@link Kind#LATEST}).
 *
 * @param kind      what {@code value} means
 * @param value     the target as PostgreSQL reads it (ISO time, {@code 0/3000028}, an xid, a name); empty
 *                  for IMMEDIATE and LATEST
 * @param inclusive stop just after the target (true, PostgreSQL's default) or just before it
 */
public record RecoveryTarget(Kind kind, String value, boolean inclusive) {

    /** The kinds of recovery target. */
    public enum Kind { TIME, LSN, XID, NAME, IMMEDIATE, LATEST }

    public RecoveryTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        boolean needsValue = kind != Kind.IMMEDIATE && kind != Kind.LATEST;
        if (needsValue && value.isBlank()) {
            throw new CairnException(ErrorCode.USAGE, "recovery target " + kind + " needs a value");
        }
        if (kind == Kind.LSN && !value.matches("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}")) {
            throw new CairnException(ErrorCode.USAGE, "target LSN '" + value + "' is not a WAL position like 0/3000028");
        }
        if (kind == Kind.XID && !value.matches("\\d{1,20}")) {
            throw new CairnException(ErrorCode.USAGE, "target xid '" + value + "' is not a transaction id (a whole number)");
        }
        if (kind == Kind.NAME && (value.contains("'") || value.length() > 63)) {
            throw new CairnException(ErrorCode.USAGE, "restore point name '" + value
                    + "' must be at most 63 characters without quotes");
        }
    }

    /** Stop after the last transaction that committed at or before {@code time}. */
    public static RecoveryTarget time(Instant time) {
        return new RecoveryTarget(Kind.TIME, time.toString(), true);
    }

    /** Parses {@code 2026-11-23 14:30:00+00} or ISO-8601 ({@code 2026-11-23T14:30:00Z}). */
    public static RecoveryTarget time(String text) {
        return time(parseTime(text));
    }

    public static RecoveryTarget lsn(String lsn) {
        return new RecoveryTarget(Kind.LSN, lsn.trim().toUpperCase(java.util.Locale.ROOT), true);
    }

    public static RecoveryTarget xid(long xid) {
        return new RecoveryTarget(Kind.XID, Long.toString(xid), true);
    }

    /** A restore point made with {@code pg_create_restore_point(name)}. */
    public static RecoveryTarget name(String name) {
        return new RecoveryTarget(Kind.NAME, name, true);
    }

    /** The earliest consistent point of the chosen backup. */
    public static RecoveryTarget immediate() {
        return new RecoveryTarget(Kind.IMMEDIATE, "", true);
    }

    /** The end of the archived WAL. */
    public static RecoveryTarget latest() {
        return new RecoveryTarget(Kind.LATEST, "", true);
    }

    /** The same target, stopping just before it instead of just after it. */
    public RecoveryTarget exclusive() {
        return new RecoveryTarget(kind, value, false);
    }

    /** The target time, for TIME targets. */
    public Optional<Instant> instant() {
        return kind == Kind.TIME ? Optional.of(Instant.parse(value)) : Optional.empty();
    }

    static Instant parseTime(String text) {
        String trimmed = text.trim();
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            // fall through to the PostgreSQL-style form
        }
        String normalised = trimmed.replace(' ', 'T');
        if (normalised.matches(".*[+-]\\d\\d$")) {
            normalised = normalised + ":00";
        }
        try {
            return OffsetDateTime.parse(normalised, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new CairnException(ErrorCode.USAGE, "target time '" + text
                    + "' is not a time with a zone, e.g. '2026-11-23 14:30:00+00' or 2026-11-23T14:30:00Z", e);
        }
    }
}
