package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of one backup.
 *
 * @param tags     labels stored with the snapshot (used by {@code forget --keep-tag})
 * @param host     host name to record; empty = this machine's
 * @param parent   snapshot id (or prefix, or {@code latest}) whose file metadata lets unchanged files be
 *                 skipped without reading them; empty = the newest snapshot of the same host and paths
 * @param noParent read every file even when a parent exists
 * @param excludes glob patterns; a pattern without '/' matches any file name, one with '/' the absolute path
 */
public record BackupOptions(List<String> tags, Optional<String> host, Optional<String> parent, boolean noParent,
        List<String> excludes) {

    public BackupOptions {
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        excludes = List.copyOf(Objects.requireNonNull(excludes, "excludes"));
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(parent, "parent");
        for (String tag : tags) {
            if (tag.isBlank() || tag.contains(",")) {
                throw new CairnException(ErrorCode.USAGE, "tag '" + tag + "' is empty or contains a comma");
            }
        }
    }

    public static BackupOptions defaults() {
        return new BackupOptions(List.of(), Optional.empty(), Optional.empty(), false, List.of());
    }

    public BackupOptions withTags(String... values) {
        return new BackupOptions(List.of(values), host, parent, noParent, excludes);
    }

    public BackupOptions withHost(String value) {
        return new BackupOptions(tags, Optional.of(value), parent, noParent, excludes);
    }

    public BackupOptions withParent(String snapshot) {
        return new BackupOptions(tags, host, Optional.of(snapshot), noParent, excludes);
    }

    public BackupOptions withNoParent() {
        return new BackupOptions(tags, host, parent, true, excludes);
    }

    public BackupOptions withExcludes(String... patterns) {
        return new BackupOptions(tags, host, parent, noParent, List.of(patterns));
    }
}
