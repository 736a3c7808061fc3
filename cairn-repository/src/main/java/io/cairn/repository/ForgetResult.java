package io.cairn.repository;

import java.util.List;

/**
 * What {@link Repository#forget} kept and removed, per group.
 *
 * @param dryRun   nothing was removed; the result says what would be
 * @param removed  how many snapshot files were (or would be) deleted
 */
public record ForgetResult(boolean dryRun, List<Group> groups, int removed) {

    /** Snapshots of one host/source/paths group. */
    public record Group(String host, String source, List<String> paths, List<Kept> keep, List<SnapshotInfo> remove) {
    }

    /** A kept snapshot and every rule that kept it ({@code daily snapshot}, {@code within 7d}, …). */
    public record Kept(SnapshotInfo snapshot, List<String> reasons) {
    }
}
