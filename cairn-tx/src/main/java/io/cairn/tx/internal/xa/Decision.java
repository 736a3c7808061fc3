package io.cairn.tx.internal.xa;

import java.time.Instant;
import java.util.List;

/**
 * A durable decision about a global transaction: commit (the coordinator's, after every branch
 * prepared) or an operator's commit/rollback recorded by {@code cairn tx resolve}.
 *
 * @param gid          the global transaction id
 * @param commit       commit (true) or roll back (false; only an operator writes this)
 * @param at           when it was decided
 * @param participants the participating database ids
 * @param byOperator   whether a person decided it (a heuristic resolution)
 */
public record Decision(String gid, boolean commit, Instant at, List<String> participants, boolean byOperator) {
    public Decision {
        participants = List.copyOf(participants);
    }

    String encode() {
        return (commit ? "C" : "R") + " " + gid + " " + at.toEpochMilli() + " " + String.join(",", participants)
                + " " + (byOperator ? "operator" : "coordinator");
    }

    static Decision decode(String[] fields) {
        return new Decision(fields[1], fields[0].equals("C"), Instant.ofEpochMilli(Long.parseLong(fields[2])),
                fields[3].isEmpty() ? List.of() : List.of(fields[3].split(",")), fields[4].equals("operator"));
    }
}
