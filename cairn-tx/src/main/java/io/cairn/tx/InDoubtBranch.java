package io.cairn.tx;

import java.time.Duration;
import java.time.Instant;

/**
 * A branch a database holds prepared for this coordinator.
 *
 * @param gid        the global transaction id
 * @param db         the database id
 * @param branch     the branch's name on the server (PostgreSQL gid, or MariaDB xid)
 * @param preparedAt when it was prepared (MariaDB does not say: then when its transaction began)
 * @param age        how long ago that was
 * @param outcome    what the coordinator log says, and so what recovery does
 * @param alert      whether it is older than {@code recovery.alert-after}
 */
public record InDoubtBranch(String gid, String db, String branch, Instant preparedAt, Duration age,
                            LoggedOutcome outcome, boolean alert) {
}
