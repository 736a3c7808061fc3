package io.cairn.core;

import java.util.Objects;

/**
 * The one exception type Cairn's API throws. The message is a single line for a user: what is
 * wrong, naming the resource (database id, file, repository, snapshot), and how to fix it. It
 * must never contain a secret. The cause keeps the technical detail for {@code --verbose}.
 */
public class CairnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public CairnException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public CairnException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** The exit code the CLI uses for this failure. */
    public int exitCode() {
        return code.exitCode();
    }
}
