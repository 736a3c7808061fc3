package io.cairn.repository.internal.restore;

import io.cairn.repository.internal.tree.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * Applies recorded metadata to a restored entry, in the order that keeps it: owner first
 * (chown clears setuid/setgid), then mode, then mtime (any later write would change it).
 * Symlinks get owner and mtime only: Linux has no symlink permissions.
 */
final class MetadataWriter {
    private final boolean ownership;

    MetadataWriter(boolean ownership) {
        this.ownership = ownership;
    }

    void apply(Path path, Node node) throws IOException {
        if (ownership && node.uid() != null && node.gid() != null) {
            Files.setAttribute(path, "unix:uid", node.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", node.gid(), LinkOption.NOFOLLOW_LINKS);
        }
        if (!node.isSymlink()) {
            Files.setAttribute(path, "unix:mode", node.mode() & 07777, LinkOption.NOFOLLOW_LINKS);
        }
        if (node.mtime() != null) {
            FileTime mtime = FileTime.from(node.mtime());
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(mtime, null, null);
        }
    }
}
