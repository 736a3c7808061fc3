package io.cairn.tx.internal.local;

import java.util.Optional;

/**
 * What Cairn knows about a transaction just before it sends COMMIT.
 *
 * @param transactionId PostgreSQL's txid, empty when the transaction wrote nothing (no id was
 *                      assigned) or on MariaDB (which exposes no id that outlives the transaction)
 * @param backendPid    the PostgreSQL server process, so a resolver can end it if it lingers
 */
record CommitMarker(Optional<Long> transactionId, Optional<Integer> backendPid) {
    static final CommitMarker NONE = new CommitMarker(Optional.empty(), Optional.empty());
}
