package io.cairn.tx.internal.xa;

import io.cairn.tx.BranchResolution;
import io.cairn.tx.BranchResolution.Action;
import io.cairn.tx.InDoubtBranch;
import io.cairn.tx.InDoubtReport;
import io.cairn.tx.LoggedOutcome;
import io.cairn.tx.RecoveryResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds this coordinator's prepared branches on every SQL database and resolves them from the log:
 * a logged decision is carried out, an undecided branch is rolled back (presumed abort, safe
 * because of the log's write order), a branch of a transaction still running in this process is
 * left alone. A log entry is cleaned only when every participant was asked and holds no branch of
 * it any more.
 *
 * <p>Order matters for a branch with no decision: whether its transaction is running is read
 * <em>before</em> the log. A transaction leaves the running set only after its decision is
 * written, so "not running" then "no decision" means it never decided to commit. The other order
 * could miss a decision written in between and roll back a committed transaction's branch.
 */
final class Recovery {
    private static final int ATTEMPTS = 3;
    private final Participants participants;
    private final String coordinator;
    private final Predicate<String> running;
    private final BranchFinisher finisher;
    private final Clock clock;
    private final Duration alertAfter;
    private final java.util.function.BiFunction<String, String, Optional<Long>> sessions;

    /**
     * @param sessions for a (gid, db) whose commit this process left to recovery, the server session
     *                 that prepared it: nothing is judged while it still exists
     */
    Recovery(Participants participants, String coordinator, Predicate<String> running, BranchFinisher finisher,
            Clock clock, Duration alertAfter, java.util.function.BiFunction<String, String, Optional<Long>> sessions) {
        this.sessions = sessions;
        this.participants = participants;
        this.coordinator = coordinator;
        this.running = running;
        this.finisher = finisher;
        this.clock = clock;
        this.alertAfter = alertAfter;
    }

    /** The prepared branches and the databases that could not be asked. */
    record Scan(List<PreparedBranch> branches, Set<String> asked, List<String> unreachable) {
    }

    Scan scan() {
        List<PreparedBranch> branches = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        List<String> unreachable = new ArrayList<>();
        for (String db : participants.capable()) {
            try (Connection connection = participants.dedicated(db)) {
                branches.addAll(participants.branches(db).prepared(connection, db, coordinator));
                asked.add(db);
            } catch (SQLException | RuntimeException e) {
                unreachable.add(db + ": " + participants.failures(db).connecting(e).toException().getMessage());
            }
        }
        branches.sort(Comparator.comparing(b -> b.preparedAt().orElse(Instant.EPOCH)));
        return new Scan(branches, asked, unreachable);
    }

    /** What the log says about each prepared branch; {@code log} gives decisions, {@code damaged} whether to trust absence. */
    InDoubtReport report(String logDirectory, Map<String, Decision> decisions, boolean damaged) {
        Scan scan = scan();
        List<InDoubtBranch> branches = new ArrayList<>();
        for (PreparedBranch branch : scan.branches()) {
            LoggedOutcome outcome = outcome(branch.gid(), gid -> Optional.ofNullable(decisions.get(gid)), damaged);
            Instant preparedAt = branch.preparedAt().orElse(clock.instant());
            Duration age = Duration.between(preparedAt, clock.instant());
            age = age.isNegative() ? Duration.ZERO : age;
            branches.add(new InDoubtBranch(branch.gid(), branch.db(), branch.branch(), preparedAt, age, outcome,
                    age.compareTo(alertAfter) > 0));
        }
        List<String> decided = decisions.keySet().stream().sorted().toList();
        return new InDoubtReport(coordinator, logDirectory, damaged, branches, decided, scan.unreachable());
    }

    /** Resolves every branch (or only those of {@code onlyGid}); cleans finished log entries unless a dry run. One run at a time. */
    synchronized RecoveryResult recover(CoordinatorLog log, boolean dryRun, Optional<String> onlyGid) {
        // entries that may be cleaned: decided before the scan by transactions no longer running, so
        // any branch they left was prepared before the scan and is seen by it
        List<String> cleanable = log.decisions().keySet().stream().filter(gid -> !running.test(gid)).toList();
        Scan scan = scan();
        boolean damaged = log.damaged();
        List<BranchResolution> resolutions = new ArrayList<>();
        Set<String> left = new HashSet<>();
        for (PreparedBranch branch : scan.branches()) {
            if (onlyGid.isPresent() && !onlyGid.get().equals(branch.gid())) {
                continue;
            }
            // running first, then the log: see the class comment
            LoggedOutcome outcome = outcome(branch.gid(), log::decision, damaged);
            BranchResolution resolution = resolve(branch, outcome, dryRun);
            resolutions.add(resolution);
            if (resolution.action() != Action.COMMITTED && resolution.action() != Action.ROLLED_BACK) {
                left.add(branch.gid());
            }
        }
        List<String> problems = new ArrayList<>(scan.unreachable());
        List<String> finished = new ArrayList<>();
        for (String gid : cleanable) {
            Optional<Decision> found = log.decision(gid);
            if (found.isEmpty() || left.contains(gid) || (onlyGid.isPresent() && !onlyGid.get().equals(gid))) {
                continue;
            }
            Decision decision = found.get();
            List<String> unasked = decision.participants().stream().filter(db -> !scan.asked().contains(db)).toList();
            if (!unasked.isEmpty()) {
                problems.add(gid + ": decided " + (decision.commit() ? "commit" : "rollback") + ", but " + unasked
                        + " could not be asked; its log entry stays until they can");
                continue;
            }
            if (!dryRun) {
                log.done(gid);
            }
            finished.add(gid);
        }
        return new RecoveryResult(dryRun, resolutions, finished, problems);
    }

    /** Reads whether {@code gid} is running before it reads the log (see the class comment). */
    private LoggedOutcome outcome(String gid, Function<String, Optional<Decision>> decisions, boolean damaged) {
        if (running.test(gid)) {
            return LoggedOutcome.IN_PROGRESS;
        }
        Decision decision = decisions.apply(gid).orElse(null);
        if (decision != null) {
            return decision.commit() ? LoggedOutcome.COMMIT : LoggedOutcome.ROLLBACK;
        }
        return damaged ? LoggedOutcome.UNKNOWN : LoggedOutcome.PRESUMED_ABORT;
    }

    private BranchResolution resolve(PreparedBranch branch, LoggedOutcome outcome, boolean dryRun) {
        String gid = branch.gid();
        String db = branch.db();
        switch (outcome) {
            case IN_PROGRESS:
                return new BranchResolution(gid, db, Action.SKIPPED, "its transaction is running in this process");
            case UNKNOWN:
                return new BranchResolution(gid, db, Action.HEURISTIC, "the coordinator log is damaged, so no decision "
                        + "proves nothing: decide with cairn tx resolve " + gid + " --commit|--rollback");
            default:
                break;
        }
        boolean commit = outcome == LoggedOutcome.COMMIT;
        String why = switch (outcome) {
            case COMMIT -> "the commit decision is logged";
            case ROLLBACK -> "an operator decided to roll back";
            default -> "no decision is logged (presumed abort)";
        };
        if (dryRun) {
            return new BranchResolution(gid, db, commit ? Action.WOULD_COMMIT : Action.WOULD_ROLL_BACK, why);
        }
        BranchFinisher.Finished finished = finisher.finish(gid, db, commit, Optional.empty(), sessions.apply(gid, db),
                ATTEMPTS);
        if (!finished.confirmed()) {
            return new BranchResolution(gid, db, Action.FAILED, why + "; " + finished.detail());
        }
        return new BranchResolution(gid, db, commit ? Action.COMMITTED : Action.ROLLED_BACK,
                why + (finished.detail().equals("gone") ? "; it was already gone" : ""));
    }
}
