package io.cairn.backup.postgres.internal;

import io.cairn.backup.RecoveryTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configures targeted recovery in a restored data directory the way PostgreSQL 12+ expects it:
 * an empty {@code recovery.signal} and the settings appended to {@code postgresql.auto.conf}
 * (later lines win over earlier ones and over postgresql.conf). After recovery the server
 * promotes to a new timeline. Written after every data file, so a directory whose restore was
 * interrupted has no recovery.signal and cannot be mistaken for a finished one by Cairn.
 */
public final class RecoveryConfig {
    /** PostgreSQL's recovery_target_time parser wants a space, not ISO's 'T', and a numeric zone. */
    private static final DateTimeFormatter POSTGRES_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
            .withZone(ZoneOffset.UTC);

    private RecoveryConfig() {
    }

    public static Map<String, String> settings(RecoveryTarget target, String restoreCommand, boolean keepArchiving) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("restore_command", restoreCommand);
        settings.put("recovery_target_timeline", "latest");
        switch (target.kind()) {
            case TIME -> settings.put("recovery_target_time", POSTGRES_TIME.format(target.instant().orElseThrow()));
            case LSN -> settings.put("recovery_target_lsn", target.value());
            case XID -> settings.put("recovery_target_xid", target.value());
            case NAME -> settings.put("recovery_target_name", target.value());
            case IMMEDIATE -> settings.put("recovery_target", "immediate");
            case LATEST -> {
                // no target: recover to the end of the archived WAL
            }
            default -> throw new IllegalStateException("unknown target " + target.kind());
        }
        if (target.kind() != RecoveryTarget.Kind.LATEST && target.kind() != RecoveryTarget.Kind.IMMEDIATE) {
            settings.put("recovery_target_inclusive", target.inclusive() ? "on" : "off");
        }
        if (target.kind() != RecoveryTarget.Kind.LATEST) {
            settings.put("recovery_target_action", "promote");
        }
        if (!keepArchiving) {
            settings.put("archive_mode", "off");
        }
        // a restored copy must not wait for the production server's synchronous standbys (Cairn's streamer among them)
        settings.put("synchronous_standby_names", "");
        return settings;
    }

    public static void write(Path dataDirectory, Map<String, String> settings, Instant now) throws IOException {
        StringBuilder text = new StringBuilder("\n# --- added by Cairn restore at ").append(now).append(" ---\n");
        settings.forEach((name, value) -> text.append(name).append(" = '").append(value.replace("'", "''")).append("'\n"));
        Files.writeString(dataDirectory.resolve("postgresql.auto.conf"), text, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Files.write(dataDirectory.resolve("recovery.signal"), new byte[0]);
    }
}
