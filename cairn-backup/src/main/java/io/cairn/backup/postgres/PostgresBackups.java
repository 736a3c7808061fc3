package io.cairn.backup.postgres;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.internal.BackupCatalog;
import io.cairn.backup.postgres.internal.BackupExpirer;
import io.cairn.backup.postgres.internal.BackupLister;
import io.cairn.backup.postgres.internal.BaseBackupRunner;
import io.cairn.backup.postgres.internal.Directories;
import io.cairn.backup.postgres.internal.RepositoryGateway;
import io.cairn.backup.postgres.internal.RestoreRunner;
import io.cairn.backup.postgres.internal.WalArchive;
import io.cairn.backup.postgres.internal.WalFiles;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.repository.Repository;
import io.cairn.repository.RetentionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL physical backups, WAL archiving and point-in-time restore into one repository.
 * Built from the service's {@link DataManager} (database settings and credentials) and an open
 * {@link Repository}; every operation returns a result record. Thread-safe: operations may run
 * concurrently (the repository is).
 *
 * <pre>{@code
 * PostgresBackups backups = new PostgresBackups(dataManager, repository);
 * try (WalStreamer streamer = backups.walStreamer("main", WalStreamOptions.defaults("main"))) {
 *     streamer.start();
 *     PgBackupResult full = backups.backup("main", BackupType.FULL);
 *     ...
 *     backups.restore("main", RestoreRequest.to(Path.of("/srv/pg-restored"))
 *             .withTarget(RecoveryTarget.time("2026-11-23 14:30:00+00")).withStart());
 * }
 * }</pre>
 *
 * <p>Base backups read the data directory directly: Cairn must run on the database host as the
 * operating-system user that owns the data directory (usually {@code postgres}).
 */
public final class PostgresBackups {
    private final DataManager dataManager;
    private final PostgresBackupOptions options;
    private final RepositoryGateway gateway;
    private final WalArchive archive;
    private final BackupCatalog catalog;

    public PostgresBackups(DataManager dataManager, Repository repository) {
        this(dataManager, repository, PostgresBackupOptions.defaults());
    }

    public PostgresBackups(DataManager dataManager, Repository repository, PostgresBackupOptions options) {
        this.dataManager = Objects.requireNonNull(dataManager, "dataManager");
        this.options = Objects.requireNonNull(options, "options");
        this.gateway = new RepositoryGateway(Objects.requireNonNull(repository, "repository"));
        this.archive = new WalArchive(gateway, options.clock());
        this.catalog = new BackupCatalog(gateway);
    }

    /** Takes a base backup; returns once it and the WAL it needs are durable in the repository. */
    public PgBackupResult backup(String db, BackupType type) {
        return new BaseBackupRunner(gateway, archive, catalog, options).run(postgres(db), type);
    }

    /** The backups of {@code db}, with what each can restore to, and the archived WAL. */
    public PgBackupList backups(String db) {
        postgres(db);
        return new BackupLister(gateway, catalog, archive).list(db);
    }

    /** Restores into an empty directory and configures recovery; with start, runs recovery and reports the point. */
    public PgRestoreResult restore(String db, RestoreRequest request) {
        return new RestoreRunner(gateway, catalog, archive, options).run(postgres(db), request);
    }

    /**
     * Restores a backup (default: the newest) into a scratch directory, recovers it to its
     * consistent point, checks every database answers, and removes the scratch copy.
     */
    public PgVerifyResult verify(String db, Optional<String> backupId) {
        Instant began = options.clock().instant();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("cairn-verify-" + db + "-");
            // traversable only: when Cairn runs as root the embedded server runs as an unprivileged user
            Files.setPosixFilePermissions(scratch, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "cannot create a scratch directory for verify: " + e.getMessage(), e);
        }
        try {
            RestoreRequest request = RestoreRequest.to(scratch.resolve("data")).withTarget(RecoveryTarget.immediate())
                    .withVerify();
            if (backupId.isPresent()) {
                request = request.withBackup(backupId.get());
            }
            PgRestoreResult restored = restore(db, request);
            return new PgVerifyResult(db, restored.backupId(), restored.reached().orElseThrow(), restored.databases(),
                    restored.bytes(), Duration.between(began, options.clock().instant()));
        } finally {
            Directories.deleteRecursively(scratch);
        }
    }

    /**
     * Applies a retention policy to the base backups of {@code db} (ordered by stop time; the
     * newest is always kept), removes the archived WAL that only removed backups needed, and
     * prunes when something was removed (see {@link ExpireOptions}). Afterwards the restore window
     * starts at the oldest kept backup. Removes nothing when {@code db} has no backups.
     */
    public PgExpireResult expire(String db, RetentionPolicy policy, ExpireOptions expireOptions) {
        postgres(db);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(expireOptions, "expireOptions");
        return new BackupExpirer(gateway, catalog, archive, options.clock(), options.sleeper()).expire(db, policy, expireOptions);
    }

    /** archive_command mode: stores one WAL file (segment, history, partial or backup history file). */
    public WalPushResult pushWal(String db, Path file) {
        postgres(db);
        return new WalFiles(archive, options.clock()).push(db, file);
    }

    /** restore_command mode: writes archived file {@code name} to {@code destination}; found=false if absent. */
    public WalFetchResult fetchWal(String db, String name, Path destination) {
        postgres(db);
        return new WalFiles(archive, options.clock()).fetch(db, name, destination);
    }

    /**
     * Like {@link #fetchWal} for a process that has no configuration (a restore_command): {@code db}
     * only names the archive, so a wrong name reads as "not archived".
     */
    public WalFetchResult fetchArchivedWal(String db, String name, Path destination) {
        return new WalFiles(archive, options.clock()).fetch(db, name, destination);
    }

    /** A streamer that archives WAL over a physical replication slot; call {@link WalStreamer#start()}. */
    public WalStreamer walStreamer(String db, WalStreamOptions streamOptions) {
        return new WalStreamer(postgres(db), dataManager, archive, streamOptions, options.clock());
    }

    private DatabaseConfig postgres(String db) {
        DatabaseConfig config = dataManager.config().database(db);
        if (config.type() != DatabaseType.POSTGRESQL) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "' is a " + config.type()
                    + " database; physical backups and WAL archiving are for PostgreSQL");
        }
        return config;
    }
}
