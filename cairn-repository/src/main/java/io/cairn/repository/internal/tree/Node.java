package io.cairn.repository.internal.tree;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a directory listing, as stored in a tree blob (JSON, null fields omitted).
 *
 * @param name       file name (no '/')
 * @param type       {@code file}, {@code dir}, {@code symlink} or {@code special} (fifo, socket, device)
 * @param mode       permission bits including setuid/setgid/sticky (mode &amp; 07777); for {@code special}
 *                   the full st_mode including the type bits
 * @param mtime      modification time, nanosecond precision where the file system has it
 * @param ctime      status-change time, used only to detect changes against a parent snapshot
 * @param inode      inode number, likewise
 * @param size       file size in bytes (files only)
 * @param content    blob ids of the file's chunks in order (files only)
 * @param subtree    tree blob id of a directory's listing (dirs only)
 * @param linkTarget the target text of a symlink, byte-for-byte as read
 */
public record Node(String name, String type, int mode, Instant mtime, Instant ctime, Long inode, Integer uid,
        Integer gid, String user, String group, Long size, List<String> content, String subtree, String linkTarget) {

    public static final String FILE = "file";
    public static final String DIRECTORY = "dir";
    public static final String SYMLINK = "symlink";
    public static final String SPECIAL = "special";

    public boolean isFile() {
        return FILE.equals(type);
    }

    public boolean isDirectory() {
        return DIRECTORY.equals(type);
    }

    public boolean isSymlink() {
        return SYMLINK.equals(type);
    }

    public Node withSubtree(String id) {
        return new Node(name, type, mode, mtime, ctime, inode, uid, gid, user, group, size, content, id, linkTarget);
    }

    public Node withContent(List<String> ids, long bytes) {
        return new Node(name, type, mode, mtime, ctime, inode, uid, gid, user, group, bytes, ids, subtree, linkTarget);
    }

    public Node withName(String value) {
        return new Node(value, type, mode, mtime, ctime, inode, uid, gid, user, group, size, content, subtree, linkTarget);
    }
}
