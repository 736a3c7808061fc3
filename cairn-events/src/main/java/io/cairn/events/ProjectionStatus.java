package io.cairn.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a projection stands, read from the database (so any JVM can ask).
 *
 * @param generation   the live generation (its table is {@code <name>_g<generation>})
 * @param rebuilding   the generation being rebuilt aside, if any
 * @param position     the live generation's checkpoint
 * @param projected    events the live generation applied
 * @param lagEvents    committed events after the checkpoint
 * @param lagTime      how long the oldest of them has waited (zero when none)
 * @param owner        the JVM that owns it now ("host/pid"), when one does
 * @param heartbeat    when the owner last went round its loop
 * @param pausedOn     the event it is paused on and why, when paused
 */
public record ProjectionStatus(String db, String name, int generation, Optional<Integer> rebuilding, Position position,
        long projected, long lagEvents, Duration lagTime, Optional<String> owner, Optional<Instant> heartbeat,
        Liveness liveness, Optional<String> pausedOn) {

    /** Tells "no new events" from "stuck". */
    public enum Liveness {
        /** Nothing after the checkpoint: idle and healthy. */
        CAUGHT_UP,
        /** Events after the checkpoint, and the owner is making progress. */
        PROJECTING,
        /** Committed events wait behind an open transaction below them (the watermark); they follow when it ends. */
        WAITING_FOR_TRANSACTION,
        /** Paused on a poison event; see pausedOn. Resume after fixing the projection. */
        PAUSED,
        /** No JVM owns it: no daemon runs it. */
        NO_OWNER,
        /** Owned, events ready, but no progress (or no heartbeat) for stall-after. */
        STALLED
    }
}
