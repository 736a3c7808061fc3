package io.cairn.backup.postgres;

import io.cairn.backup.RecoveryTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code cairn pg restore} should do.
 *
 * @param directory         where the data directory goes; must be empty or not exist
 * @param target            where recovery stops (default: the end of the archived WAL)
 * @param backupId          the backup to start from (id or prefix); default: the newest one before the target
 * @param tablespaces       tablespace oid → new location; tablespaces not named go back to their old location,
 *                          which must then be empty or absent
 * @param start             start the restored server (embedded, this JVM's child), wait for recovery to end,
 *                          report the point reached, then stop it cleanly
 * @param verify            with start: also connect to every database and run a catalog query
 * @param restoreCommand    the restore_command to configure; default: copy from the WAL staged in
 *                          {@code <directory>/cairn_wal_spool}, falling back to {@link WalFetchMain} when
 *                          {@code passwordFile} is given
 * @param passwordFile      the repository passphrase file the fallback restore_command may read
 * @param binaries          a PostgreSQL bin directory for {@code start}; default: the system's binaries of
 *                          the backup's major version, else the bundled ones if they match
 * @param keepArchiving     leave archive_mode as it was in the backup (default: switch it off, so a restored
 *                          copy does not write into the production archive)
 */
public record RestoreRequest(Path directory, RecoveryTarget target, Optional<String> backupId,
        Map<String, Path> tablespaces, boolean start, boolean verify, Optional<String> restoreCommand,
        Optional<Path> passwordFile, Optional<Path> binaries, boolean keepArchiving) {

    public RestoreRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(backupId, "backupId");
        tablespaces = Map.copyOf(tablespaces);
        Objects.requireNonNull(restoreCommand, "restoreCommand");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(binaries, "binaries");
        directory = directory.toAbsolutePath().normalize();
    }

    /** Restore to the end of the archived WAL into {@code directory}, without starting the server. */
    public static RestoreRequest to(Path directory) {
        return new RestoreRequest(directory, RecoveryTarget.latest(), Optional.empty(), Map.of(), false, false,
                Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public RestoreRequest withTarget(RecoveryTarget value) {
        return new RestoreRequest(directory, value, backupId, tablespaces, start, verify, restoreCommand, passwordFile,
                binaries, keepArchiving);
    }

    public RestoreRequest withBackup(String value) {
        return new RestoreRequest(directory, target, Optional.of(value), tablespaces, start, verify, restoreCommand,
                passwordFile, binaries, keepArchiving);
    }

    public RestoreRequest withTablespace(String oid, Path location) {
        Map<String, Path> mapping = new LinkedHashMap<>(tablespaces);
        mapping.put(oid, location.toAbsolutePath().normalize());
        return new RestoreRequest(directory, target, backupId, mapping, start, verify, restoreCommand, passwordFile,
                binaries, keepArchiving);
    }

    /** Start the restored server and wait until recovery ends. */
    public RestoreRequest withStart() {
        return new RestoreRequest(directory, target, backupId, tablespaces, true, verify, restoreCommand, passwordFile,
                binaries, keepArchiving);
    }

    /** Start, wait, and check every database answers. */
    public RestoreRequest withVerify() {
        return new RestoreRequest(directory, target, backupId, tablespaces, true, true, restoreCommand, passwordFile,
                binaries, keepArchiving);
    }

    public RestoreRequest withRestoreCommand(String value) {
        return new RestoreRequest(directory, target, backupId, tablespaces, start, verify, Optional.of(value),
                passwordFile, binaries, keepArchiving);
    }

    public RestoreRequest withPasswordFile(Path value) {
        return new RestoreRequest(directory, target, backupId, tablespaces, start, verify, restoreCommand,
                Optional.of(value.toAbsolutePath()), binaries, keepArchiving);
    }

    public RestoreRequest withBinaries(Path binDirectory) {
        return new RestoreRequest(directory, target, backupId, tablespaces, start, verify, restoreCommand, passwordFile,
                Optional.of(binDirectory), keepArchiving);
    }

    public RestoreRequest withArchiving() {
        return new RestoreRequest(directory, target, backupId, tablespaces, start, verify, restoreCommand, passwordFile,
                binaries, true);
    }
}
