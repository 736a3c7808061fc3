package io.cairn.backup.postgres;

/**
 * Options of {@link PostgresBackups#expire}.
 *
 * @param dryRun compute and report what would be removed; change nothing
 * @param prune  when something was removed, prune the repository afterwards so the space is freed
 *               (default); without it the data stays until the next {@code cairn prune}
 */
public record ExpireOptions(boolean dryRun, boolean prune) {

    /** Removes, then prunes when something was removed. */
    public static ExpireOptions defaults() {
        return new ExpireOptions(false, true);
    }

    public ExpireOptions withDryRun(boolean value) {
        return new ExpireOptions(value, prune);
    }

    public ExpireOptions withPrune(boolean value) {
        return new ExpireOptions(dryRun, value);
    }
}
