package io.cairn.agent;

import io.cairn.repository.RetentionPolicy;
import java.util.Map;

/**
 * One kind of job the agent can schedule, named by the {@code run:} key of a schedule (e.g.
 * {@code backup files}, {@code check}). Implementations must be safe to call from the agent's
 * worker thread and should stop promptly when the thread is interrupted (graceful shutdown).
 */
public interface JobRunner {
    /** The {@code run:} name, words separated by single spaces. */
    String name();

    /** Fails at start-up (as a CairnException CONFIG naming the schedule) when a schedule lacks what this kind needs. */
    default void validate(ScheduleConfig schedule) {
    }

    /** Runs the job once; a thrown exception records the run as failed with its message. */
    JobResult run(JobContext context) throws Exception;

    /** Whether a successful run produces a backup (then retention follows it, and freshness is watched). */
    default boolean producesBackups() {
        return false;
    }

    /**
     * Whether the run itself rewrites the repository (forget, prune) and so must run alone: it waits
     * until no other job uses the repository, as retention does.
     */
    default boolean needsRepositoryAlone() {
        return false;
    }

    /** Whether a successful run proves backups restorable (then its freshness is watched: verify-older-than). */
    default boolean verifiesBackups() {
        return false;
    }

    /**
     * Applies the retention policy after a successful run of a backup-producing schedule; returns
     * figures for the run record. The default forgets, by policy, the snapshots this schedule wrote
     * and prunes; kinds whose backups other data depends on (PostgreSQL base backups and the WAL
     * after them) override it.
     */
    default Map<String, Object> applyRetention(JobContext context, RetentionPolicy policy) {
        return ScopedRetention.apply(context.repository(), policy, ScopedRetention.ofSchedule(context.schedule().name()));
    }
}
