package io.cairn.repository;

import java.util.List;
import java.util.Objects;

/**
 * Options of a restore.
 *
 * @param includes          snapshot paths to restore (with everything below them); empty = all
 * @param restoreOwnership  set uid/gid as recorded; only possible as root, silently skipped otherwise
 */
public record RestoreOptions(List<String> includes, boolean restoreOwnership) {
    public RestoreOptions {
        includes = List.copyOf(Objects.requireNonNull(includes, "includes"));
    }

    public static RestoreOptions defaults() {
        return new RestoreOptions(List.of(), true);
    }

    public RestoreOptions withIncludes(String... paths) {
        return new RestoreOptions(List.of(paths), restoreOwnership);
    }

    public RestoreOptions withoutOwnership() {
        return new RestoreOptions(includes, false);
    }
}
