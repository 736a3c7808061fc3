package io.cairn.tx;

import java.util.List;

/**
 * What one dispatch pass did on one database's outbox.
 *
 * @param db        the database
 * @param delivered messages the handler accepted (now marked delivered)
 * @param failed    messages the handler refused that will be offered again after a backoff
 * @param parked    ids of messages parked in this pass (their last attempt failed and none is left)
 */
public record DispatchResult(String db, int delivered, int failed, List<String> parked) {
    public DispatchResult {
        parked = List.copyOf(parked);
    }

    /** Messages the pass claimed. */
    public int claimed() {
        return delivered + failed + parked.size();
    }
}
