package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.failure.FailureMessages;
import io.cairn.core.retry.Backoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one prepared branch to its outcome (COMMIT PREPARED / XA COMMIT, or the rollback) and
 * confirms it. A failure of the statement is never taken as the answer: a backend terminated
 * during COMMIT PREPARED may or may not have committed (pgjdbc#4438), so the branch is looked up
 * again in pg_prepared_xacts / XA RECOVER on a new connection. Only "not listed" or the server's
 * own "no such branch" confirms it is gone; while it is still listed the statement is retried
 * with backoff (a busy branch is still being finished by a dying session).
 */
final class BranchFinisher {
    private static final Logger LOG = LoggerFactory.getLogger(BranchFinisher.class);
    private final Participants participants;
    private final String coordinator;
    private final Sleeper sleeper;
    private final Backoff backoff = Backoff.doubling(Duration.ofMillis(50), Duration.ofSeconds(2));

    BranchFinisher(Participants participants, String coordinator, Sleeper sleeper) {
        this.participants = participants;
        this.coordinator = coordinator;
        this.sleeper = sleeper;
    }

    /** How finishing a branch ended: confirmed committed/rolled back/gone, or not yet with the reason. */
    record Finished(boolean confirmed, String detail) {
    }

    /**
     * Finishes the branch of {@code gid} on {@code db}, first on {@code current} (the connection that
     * prepared it) if given, then on new connections, at most {@code attempts} times.
     */
    Finished finish(String gid, String db, boolean commit, Optional<Connection> current, int attempts) {
        return finish(gid, db, commit, current, Optional.empty(), attempts);
    }

    /**
     * As above; {@code session} is the server session that prepared the branch: while it still
     * exists nothing the server says about the branch from another session is taken as final.
     */
    Finished finish(String gid, String db, boolean commit, Optional<Connection> current, Optional<Long> session,
            int attempts) {
        Branches branches = participants.branches(db);
        String verb = commit ? "commit" : "roll back";
        String last = "";
        if (current.isPresent()) {
            try {
                apply(branches, current.get(), gid, db, commit);
                return new Finished(true, commit ? "committed" : "rolled back");
            } catch (SQLException e) {
                if (branches.isUnknownBranch(e)) {
                    return new Finished(true, "gone");
                }
                last = describe(e);
                LOG.warn("{}: could not {} branch {} ({}); checking on a new connection", db, verb,
                        branches.branchName(gid, db), last);
            }
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 || current.isPresent()) {
                pause(attempt);
            }
            try (Connection connection = participants.dedicated(db)) {
                if (session.isPresent() && branches.sessionAlive(connection, session.get())) {
                    last = "the session that prepared it (" + session.get() + ") is still ending";
                    continue;
                }
                boolean listed = branches.prepared(connection, db, coordinator).stream()
                        .anyMatch(b -> b.gid().equals(gid));
                if (!listed) {
                    return new Finished(true, "gone");
                }
                apply(branches, connection, gid, db, commit);
                return new Finished(true, commit ? "committed" : "rolled back");
            } catch (SQLException e) {
                // listed, yet "unknown": another session may still hold it; only the listing decides
                if (branches.isUnknownBranch(e) && !stillListed(branches, db, gid)) {
                    return new Finished(true, "gone");
                }
                last = describe(e);
                LOG.debug("{}: {} of branch {} failed on attempt {}: {}", db, verb, gid, attempt, last);
            } catch (CairnException e) {
                last = e.getMessage();
            }
        }
        return new Finished(false, "could not " + verb + " after " + attempts + " attempts: " + last);
    }

    private boolean stillListed(Branches branches, String db, String gid) {
        try (Connection connection = participants.dedicated(db)) {
            return branches.prepared(connection, db, coordinator).stream().anyMatch(b -> b.gid().equals(gid));
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    private static void apply(Branches branches, Connection connection, String gid, String db, boolean commit)
            throws SQLException {
        if (commit) {
            branches.commitPrepared(connection, gid, db);
        } else {
            branches.rollbackPrepared(connection, gid, db);
        }
    }

    private void pause(int attempt) {
        try {
            sleeper.sleep(backoff.delay(attempt, 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, "interrupted while finishing a prepared branch", e);
        }
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
        return FailureMessages.firstLine(String.valueOf(e.getMessage())) + state;
    }
}
