package io.cairn.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.Locale;

/**
 * What kind of backup to take. Every backup is a complete snapshot that restores on its own; the
 * repository deduplicates content, so the type decides which earlier backup is recorded as the
 * parent (and what retention treats as an anchor), while the bytes stored are always only the
 * chunks the repository did not have yet.
 */
public enum BackupType {
    /** Anchors a chain; no parent. */
    FULL("full"),
    /** Parent: the newest full backup. */
    DIFFERENTIAL("diff"),
    /** Parent: the newest backup of any type. */
    INCREMENTAL("incr");

    private final String shortName;

    BackupType(String shortName) {
        this.shortName = shortName;
    }

    /** {@code full}, {@code diff} or {@code incr}: the names the CLI and the snapshot tags use. */
    public String shortName() {
        return shortName;
    }

    /** Accepts the short names and the enum names in any case. */
    public static BackupType parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (BackupType type : values()) {
            if (type.shortName.equals(wanted) || type.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return type;
            }
        }
        throw new CairnException(ErrorCode.USAGE, "backup type '" + text + "' is unknown; use full, diff or incr");
    }
}
