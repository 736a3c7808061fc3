package io.cairn.repository.internal.backup;

import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.BlobReader;
import io.cairn.repository.internal.index.MasterIndex;
import io.cairn.repository.internal.tree.Node;
import io.cairn.repository.internal.tree.Tree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up nodes of the parent snapshot by path, loading each tree once. The file walker asks for
 * every file it visits; a file whose size, mtime, ctime and inode match is not read again.
 */
final class ParentTree {
    private final BlobReader reader;
    private final ContentId root;
    private final Map<String, Map<String, Node>> directories = new HashMap<>();
    private List<String> lastParent;
    private Optional<Map<String, Node>> lastDirectory = Optional.empty();

    ParentTree(BlobReader reader, ContentId root) {
        this.reader = reader;
        this.root = root;
    }

    Optional<Node> find(List<String> segments) {
        List<String> parent = segments.subList(0, segments.size() - 1);
        if (!parent.equals(lastParent)) {
            // the walker visits a directory's files one after another: look the directory up once
            lastParent = List.copyOf(parent);
            lastDirectory = directoryOf(parent);
        }
        return lastDirectory.map(directory -> directory.get(segments.get(segments.size() - 1)));
    }

    private Optional<Map<String, Node>> directoryOf(List<String> segments) {
        Map<String, Node> directory = load("", root);
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            Node node = directory.get(segment);
            if (node == null || !node.isDirectory() || node.subtree() == null) {
                return Optional.empty();
            }
            path.append('/').append(segment);
            directory = load(path.toString(), ContentId.parse(node.subtree()));
        }
        return Optional.of(directory);
    }

    /** True when the file at this path has the same identity and times as in the parent. */
    static boolean unchanged(Node parent, Node current) {
        return parent.isFile() && parent.content() != null
                && java.util.Objects.equals(parent.size(), current.size())
                && java.util.Objects.equals(parent.mtime(), current.mtime())
                && java.util.Objects.equals(parent.ctime(), current.ctime())
                && java.util.Objects.equals(parent.inode(), current.inode());
    }

    /** True when the parent's node is a stored regular file of this size and modification time. */
    static boolean sameSizeAndTime(Node parent, long size, java.time.Instant mtime) {
        return parent.isFile() && parent.content() != null && parent.size() != null && parent.size() == size
                && mtime.equals(parent.mtime());
    }

    /** True when every chunk of the node is in the index (a reused file must not point at pruned data). */
    static boolean allIndexed(Node node, MasterIndex index) {
        for (String id : node.content()) {
            if (!index.contains(ContentId.parse(id))) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Node> load(String path, ContentId tree) {
        return directories.computeIfAbsent(path, ignored -> {
            Tree loaded = reader.readTree(tree);
            Map<String, Node> nodes = new HashMap<>();
            loaded.nodes().forEach(node -> nodes.put(node.name(), node));
            return nodes;
        });
    }
}
