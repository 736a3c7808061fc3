package io.cairn.cli;

/**
 * The words for an interrupted backup, said the same way by every backup command: when Ctrl-C
 * stops it, and when the next backup picks up the packs it had written.
 */
public final class Interrupted {
    /** What Ctrl-C during a backup means: no snapshot, but its packs stay for the next backup. */
    public static final String NOTHING_SAVED = "interrupted; nothing was saved (the next backup reuses what was written)";

    private Interrupted() {
    }

    /** The summary line's note for packs adopted from an interrupted backup; empty for none. */
    public static String reusedPacks(int packsAdopted) {
        if (packsAdopted <= 0) {
            return "";
        }
        return "; reused " + packsAdopted + (packsAdopted == 1 ? " pack" : " packs") + " left by an interrupted backup";
    }
}
