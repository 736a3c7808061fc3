package io.cairn.events.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.events.RecordedEvent;

/** A projection failed on one event; names it, so the projection pauses on it rather than skipping it. */
final class PoisonEventException extends CairnException {
    private static final long serialVersionUID = 1L;
    private final transient RecordedEvent event;

    PoisonEventException(String projection, RecordedEvent event, Throwable cause) {
        super(ErrorCode.PRECONDITION, describe(projection, event, cause), cause);
        this.event = event;
    }

    static String describe(String projection, RecordedEvent event, Throwable cause) {
        return "projection '" + projection + "' failed on event " + event.stream() + "@" + event.version() + " ("
                + event.type() + ", position " + event.position() + "): " + cause;
    }

    RecordedEvent event() {
        return event;
    }
}
