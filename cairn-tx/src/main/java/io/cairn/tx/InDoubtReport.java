package io.cairn.tx;

import java.util.List;

/**
 * Every prepared branch of this coordinator on every SQL database, with what the log says.
 *
 * @param coordinator   the coordinator id
 * @param log           the coordinator log's directory
 * @param logDamaged    a damaged log was found: a missing decision proves nothing
 * @param branches      the prepared branches, oldest first
 * @param decided       gids whose decision is logged but not yet confirmed finished
 * @param unreachable   databases that could not be asked, each as "db: reason"
 */
public record InDoubtReport(String coordinator, String log, boolean logDamaged, List<InDoubtBranch> branches,
                            List<String> decided, List<String> unreachable) {
    public InDoubtReport {
        branches = List.copyOf(branches);
        decided = List.copyOf(decided);
        unreachable = List.copyOf(unreachable);
    }

    /** Branches older than {@code recovery.alert-after}. */
    public long alerts() {
        return branches.stream().filter(InDoubtBranch::alert).count();
    }
}
