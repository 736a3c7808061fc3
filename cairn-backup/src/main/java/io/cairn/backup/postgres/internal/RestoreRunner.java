package io.cairn.backup.postgres.internal;

import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PgRestoreResult;
import io.cairn.backup.postgres.PostgresBackupOptions;
import io.cairn.backup.postgres.RecoveryPoint;
import io.cairn.backup.postgres.RestoreRequest;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restores a backup into an empty directory and configures recovery. Order: files restored
 * into a hidden staging directory next to the target and renamed into place (tablespaces
 * likewise next to their locations); then the WAL staged; then recovery.signal and the recovery
 * settings written last. An interrupted restore leaves either no target or a target without
 * recovery.signal, never a half-written directory that looks ready to start.
 */
public final class RestoreRunner {
    private final RepositoryGateway gateway;
    private final BackupCatalog catalog;
    private final WalArchive archive;
    private final PostgresBackupOptions options;

    public RestoreRunner(RepositoryGateway gateway, BackupCatalog catalog, WalArchive archive,
            PostgresBackupOptions options) {
        this.gateway = gateway;
        this.catalog = catalog;
        this.archive = archive;
        this.options = options;
    }

    public PgRestoreResult run(DatabaseConfig config, RestoreRequest request) {
        String db = config.id();
        Instant began = options.clock().instant();
        Path directory = request.directory();
        requireEmpty(directory);
        List<String> warnings = new ArrayList<>();
        BackupCatalog.Backup backup = choose(db, request, warnings);
        BackupManifest manifest = backup.manifest();
        WalCatalog wal = archive.catalog(db);
        TimelineHistory lineage = new Lineages(gateway).of(wal, Math.max(wal.latestTimeline(), manifest.timeline()));
        WalCoverage coverage = WalCoverage.from(wal, lineage, manifest.startLsn());
        requireWal(db, backup, coverage, request.target());
        try {
            long bytes = new DataPlacer(gateway).place(backup, directory, request.tablespaces());
            Path spool = directory.resolve(DataDirectoryScanner.SPOOL_DIRECTORY);
            // a WAL position bounds what recovery reads exactly; a time only by a guess, so without a
            // restore_command that can reach the repository everything is staged: the spool is all recovery sees
            boolean fallback = request.restoreCommand().isPresent()
                    || request.passwordFile().isPresent() && options.walFetchMain().isPresent();
            int staged = new WalStager(archive).stage(wal, lineage, manifest.startLsn(), targetLsn(request.target(), manifest),
                    fallback ? request.target().instant() : Optional.empty(), spool);
            String command = request.restoreCommand().orElseGet(() -> RestoreCommands.defaultCommand(db, spool,
                    gateway.location(), request.passwordFile(), options.walFetchMain()));
            RecoveryConfig.write(directory, RecoveryConfig.settings(request.target(), command, request.keepArchiving()),
                    options.clock().instant());
            Duration restoreDuration = Duration.between(began, options.clock().instant());
            if (!request.start()) {
                return new PgRestoreResult(db, backup.id(), directory.toString(), request.target(), command,
                        manifest.files(), bytes, staged, Optional.empty(), List.of(), restoreDuration, Optional.empty(),
                        List.copyOf(warnings));
            }
            return startAndWait(config, request, backup, command, bytes, staged, restoreDuration, warnings, spool);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "restore of database '" + db + "' into " + directory + " failed: "
                    + e.getMessage(), e);
        }
    }

    private PgRestoreResult startAndWait(DatabaseConfig config, RestoreRequest request, BackupCatalog.Backup backup,
            String command, long bytes, int staged, Duration restoreDuration, List<String> warnings, Path spool) {
        Instant started = options.clock().instant();
        BackupManifest manifest = backup.manifest();
        int major = manifest.serverVersionNumber() / 10000;
        RecoveryPoint reached;
        List<String> databases = List.of();
        try (RestoredServer server = RestoredServer.start(request.directory(),
                RestoredServer.binaries(major, request.binaries()), config, options.recoveryTimeout(), options.clock(),
                options.sleeper())) {
            reached = server.awaitRecovery(options.recoveryTimeout());
            if (request.verify()) {
                databases = server.verifyDatabases();
            }
        }
        Directories.deleteRecursively(spool);
        return new PgRestoreResult(config.id(), backup.id(), request.directory().toString(), request.target(), command,
                manifest.files(), bytes, staged, Optional.of(reached), databases, restoreDuration,
                Optional.of(Duration.between(started, options.clock().instant())), List.copyOf(warnings));
    }

    private BackupCatalog.Backup choose(String db, RestoreRequest request, List<String> warnings) {
        if (request.backupId().isPresent()) {
            BackupCatalog.Backup backup = catalog.find(db, request.backupId().get());
            BackupChooser.requireReachable(db, backup, request.target());
            return backup;
        }
        BackupChooser.Choice choice = BackupChooser.choose(db, catalog.list(db), request.target());
        choice.note().ifPresent(warnings::add);
        return choice.backup();
    }

    /** How far WAL must be staged, when known: the target LSN, or the backup's stop for an immediate target. */
    private static Optional<Lsn> targetLsn(RecoveryTarget target, BackupManifest manifest) {
        return target.kind() == RecoveryTarget.Kind.LSN ? Optional.of(Lsn.parse(target.value()))
                : target.kind() == RecoveryTarget.Kind.IMMEDIATE ? Optional.of(manifest.stopLsn()) : Optional.empty();
    }

    /** The backup's own WAL must be there, and a time or LSN target must not lie beyond the archive. */
    private void requireWal(String db, BackupCatalog.Backup backup, WalCoverage coverage, RecoveryTarget target) {
        BackupManifest manifest = backup.manifest();
        if (!coverage.covers(manifest.stopLsn())) {
            throw new CairnException(ErrorCode.INTEGRITY, "database '" + db + "': backup " + backup.snapshot().shortId()
                    + " needs WAL up to " + manifest.stopLsn() + " but the archive in " + gateway.location()
                    + " stops at " + coverage.end() + " (missing " + coverage.firstMissing().map(WalSegment::name).orElse("?")
                    + "): restore another backup");
        }
        if (target.kind() == RecoveryTarget.Kind.TIME && coverage.endTime().isPresent()
                && target.instant().orElseThrow().isAfter(coverage.endTime().get())) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': target time " + target.value()
                    + " is after the newest archived WAL (written by " + coverage.endTime().get() + ", up to "
                    + coverage.end() + "): choose an earlier target or restore the latest state");
        }
        if (target.kind() == RecoveryTarget.Kind.LSN && Lsn.parse(target.value()).isAfter(coverage.end())) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': target LSN " + target.value()
                    + " is after the newest archived WAL (" + coverage.end()
                    + "): choose an earlier target or restore the latest state");
        }
    }

    private static void requireEmpty(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new CairnException(ErrorCode.PRECONDITION, "restore target " + directory
                    + " is a file: choose an empty or new directory");
        }
        if (!Directories.isEmptyOrAbsent(directory)) {
            throw new CairnException(ErrorCode.PRECONDITION, "restore target " + directory
                    + " is not empty: choose an empty or new directory (Cairn never overwrites a data directory)");
        }
    }
}
