package io.cairn.agent.internal;

import io.cairn.agent.JobContext;
import io.cairn.agent.JobResult;
import io.cairn.agent.JobRunner;
import io.cairn.agent.ScheduleConfig;
import io.cairn.backup.BackupType;
import io.cairn.backup.postgres.ExpireOptions;
import io.cairn.backup.postgres.PgBackupResult;
import io.cairn.backup.postgres.PgExpireResult;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.RetentionPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run: pg backup}: a PostgreSQL base backup of {@code db} ({@code type: full|diff|incr},
 * default full) through cairn-backup; returns once the backup and the WAL it needs are durable.
 * Retention goes through {@link PostgresBackups#expire}: the policy picks among all base backups
 * of the database (whichever schedule took them), and the archived WAL older than the oldest kept
 * backup goes with them, so the restore window starts at that backup.
 */
public final class PgBackupRunner implements JobRunner {
    @Override
    public String name() {
        return "pg backup";
    }

    @Override
    public void validate(ScheduleConfig schedule) {
        if (schedule.database().isEmpty()) {
            throw new CairnException(ErrorCode.CONFIG, "schedule '" + schedule.name() + "': run: pg backup needs db: "
                    + "(a PostgreSQL database of databases:)");
        }
        schedule.type().ifPresent(type -> {
            try {
                BackupType.parse(type);
            } catch (CairnException e) {
                throw new CairnException(ErrorCode.CONFIG, "schedule '" + schedule.name() + "': " + e.getMessage());
            }
        });
    }

    @Override
    public boolean producesBackups() {
        return true;
    }

    @Override
    public JobResult run(JobContext context) {
        String db = context.schedule().database().orElseThrow();
        BackupType type = context.schedule().type().map(BackupType::parse).orElse(BackupType.FULL);
        PgBackupResult result = context.cairn().postgres().backup(db, type);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("backup", result.shortId());
        figures.put("type", result.type().shortName());
        figures.put("files", result.files());
        figures.put("bytes", result.bytes());
        figures.put("dataAdded", result.bytesAdded());
        figures.put("dataAddedStored", result.bytesAddedStored());
        figures.put("pagesVerified", result.pagesVerified());
        figures.put("walFilesCopied", result.walFilesCopied());
        if (!result.corruptPages().isEmpty()) {
            throw new CairnException(ErrorCode.INTEGRITY, "backup " + result.shortId() + " of '" + db + "' found "
                    + result.corruptPages().size() + " corrupt page(s), first: " + result.corruptPages().get(0));
        }
        return new JobResult(figures, Optional.of(result.backupId()));
    }

    @Override
    public Map<String, Object> applyRetention(JobContext context, RetentionPolicy policy) {
        String db = context.schedule().database().orElseThrow();
        PgExpireResult expired = context.cairn().postgres()
                .expire(db, policy, ExpireOptions.defaults());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("retentionRemoved", expired.removed().size());
        figures.put("retentionKept", expired.kept().size());
        figures.put("walFilesRemoved", expired.walFilesRemoved());
        figures.put("pruneBytesFreed", expired.bytesFreed());
        expired.restorableFrom().ifPresent(from -> figures.put("restorableFrom", from.toString()));
        return figures;
    }
}
