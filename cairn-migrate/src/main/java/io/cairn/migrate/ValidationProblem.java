package io.cairn.migrate;

import java.util.Optional;

/**
 * One reason {@code migrate} refuses to run.
 *
 * @param message one line naming the script and the fix
 */
public record ValidationProblem(Kind kind, Optional<String> version, String script, String message) {

    /** The kinds of problem {@code validate} reports. */
    public enum Kind {
        /** An applied file changed (checksum). */
        CHECKSUM_MISMATCH,
        /** An applied file was renamed (description). */
        DESCRIPTION_MISMATCH,
        /** An applied file is gone. */
        MISSING_FILE,
        /** A migration failed and may have left partial changes. */
        FAILED,
        /** A pending migration is below the current version and out-of-order is off. */
        OUT_OF_ORDER
    }
}
