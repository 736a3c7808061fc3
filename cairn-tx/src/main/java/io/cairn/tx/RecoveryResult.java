package io.cairn.tx;

import java.util.List;

/**
 * One recovery run.
 *
 * @param dryRun      nothing was changed; the actions say what would be done
 * @param resolutions one per prepared branch found
 * @param finished    gids whose every branch is confirmed committed or gone, so their log entry was cleaned
 * @param problems    databases that could not be asked and other reasons an entry stays, one line each
 */
public record RecoveryResult(boolean dryRun, List<BranchResolution> resolutions, List<String> finished,
                             List<String> problems) {
    public RecoveryResult {
        resolutions = List.copyOf(resolutions);
        finished = List.copyOf(finished);
        problems = List.copyOf(problems);
    }

    /** Whether something still needs attention: a heuristic or failed branch, or an unreachable database. */
    public boolean unresolved() {
        return !problems.isEmpty() || resolutions.stream().anyMatch(BranchResolution::unresolved);
    }
}
