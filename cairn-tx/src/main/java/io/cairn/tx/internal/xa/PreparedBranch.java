package io.cairn.tx.internal.xa;

import java.time.Instant;
import java.util.Optional;

/**
 * A branch a server holds prepared.
 *
 * @param gid        the global transaction id
 * @param db         the database id
 * @param branch     the branch's name on the server
 * @param preparedAt when it was prepared, if the server says (PostgreSQL does, MariaDB does not)
 */
record PreparedBranch(String gid, String db, String branch, Optional<Instant> preparedAt) {
}
