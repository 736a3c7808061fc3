package io.cairn.repository.internal.format;

/**
 * The advice a read that finds damaged data ends its message with: run the full check, which
 * names every damaged pack and the snapshots and files it affects. The check itself reports the
 * same failures, and there the advice would name the command that is running, so it takes it off
 * with {@link #withoutAdvice}.
 */
public final class DamageAdvice {
    /** Appended to the message of every read that finds data damaged. */
    public static final String RUN_CHECK = "; run `cairn check --read-data`";

    private DamageAdvice() {
    }

    /** The message without {@link #RUN_CHECK}, for findings of the check itself. */
    public static String withoutAdvice(String message) {
        return message == null ? null : message.replace(RUN_CHECK, "");
    }
}
