package io.cairn.tx;

import java.util.List;

/**
 * What a distributed transaction did.
 *
 * @param gid          the global transaction id
 * @param participants the databases that took part, in the order they committed
 */
public record DistributedResult(String gid, List<String> participants) {
    public DistributedResult {
        participants = List.copyOf(participants);
    }
}
