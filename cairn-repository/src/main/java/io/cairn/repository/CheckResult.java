package io.cairn.repository;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Repository#check} found. Errors mean data is damaged or missing (exit code
 * INTEGRITY in the CLI); warnings need no action (e.g. packs left by an interrupted backup,
 * which the next backup reuses and prune eventually removes).
 *
 * @param readData  whether every pack was read and every blob verified
 * @param bytesRead bytes of pack data read and verified
 */
public record CheckResult(boolean readData, int snapshots, int indexFiles, int packs, long blobs, long bytesRead,
        List<CheckProblem> errors, List<CheckProblem> warnings, Duration duration) {

    public boolean ok() {
        return errors.isEmpty();
    }
}
