package io.cairn.tx;

import java.util.List;

/**
 * What a distributed transaction did. It committed: the decision is durable in the coordinator
 * log. A participant whose COMMIT could not be confirmed within the call (its server went away)
 * is listed in {@code awaitingRecovery}; recovery commits it, it can no longer roll back.
 *
 * @param gid              the global transaction id
 * @param participants     the databases that took part, in the order they committed
 * @param awaitingRecovery participants whose commit recovery completes; empty when every branch is confirmed
 */
public record DistributedResult(String gid, List<String> participants, List<String> awaitingRecovery) {
    public DistributedResult {
        participants = List.copyOf(participants);
        awaitingRecovery = List.copyOf(awaitingRecovery);
    }

    public DistributedResult(String gid, List<String> participants) {
        this(gid, participants, List.of());
    }
}
