package io.cairn.repository.internal.backup;

import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.tree.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A directory of a snapshot being written: its own metadata and its children, whose content
 * ids may still be in the pipeline. Turned into tree blobs at commit, deepest first.
 */
final class PendingDirectory {
    private Node node;
    private final Map<String, PendingDirectory> directories = new TreeMap<>();
    private final Map<String, PendingFile> files = new TreeMap<>();

    /**
     * A non-directory entry: a file with chunk futures, or a symlink/special node, or (chunks
     * null) a file whose node already carries its content ids.
     */
    record PendingFile(Node node, List<CompletableFuture<ContentId>> chunks) {
    }

    PendingDirectory(Node node) {
        this.node = node;
    }

    Node node() {
        return node;
    }

    void update(Node value) {
        this.node = value;
    }

    PendingDirectory directory(String name) {
        return directories.get(name);
    }

    boolean contains(String name) {
        return directories.containsKey(name) || files.containsKey(name);
    }

    PendingDirectory addDirectory(Node value) {
        PendingDirectory directory = new PendingDirectory(value);
        directories.put(value.name(), directory);
        return directory;
    }

    void addFile(Node value, List<CompletableFuture<ContentId>> chunks) {
        files.put(value.name(), new PendingFile(value, chunks));
    }

    Map<String, PendingDirectory> directories() {
        return directories;
    }

    Map<String, PendingFile> files() {
        return files;
    }

    /** All children's names in order, for a sorted tree. */
    List<String> names() {
        List<String> names = new ArrayList<>(directories.keySet());
        names.addAll(files.keySet());
        names.sort(null);
        return names;
    }
}
