package io.cairn.events;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/** A validator or handler refused a command; nothing was written. The message says why. */
public class CommandRejectedException extends CairnException {
    private static final long serialVersionUID = 1L;

    public CommandRejectedException(String reason) {
        super(ErrorCode.PRECONDITION, reason);
    }
}
