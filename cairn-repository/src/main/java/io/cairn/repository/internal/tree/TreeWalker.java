package io.cairn.repository.internal.tree;

import io.cairn.core.CairnException;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.BlobReader;

/**
 * Visits every node of a snapshot depth-first, parents before children, with its absolute
 * snapshot path ({@code /etc/app/a.conf}). A tree that cannot be read is handed to the visitor
 * and its subtree skipped, so check can go on and report everything.
 */
public final class TreeWalker {

    /** Callbacks of a walk. */
    public interface Visitor {
        void visit(String path, Node node);

        /** The tree of directory {@code path} could not be read; default: rethrow. */
        default void damagedTree(String path, ContentId tree, CairnException error) {
            throw error;
        }
    }

    private final BlobReader reader;

    public TreeWalker(BlobReader reader) {
        this.reader = reader;
    }

    public void walk(ContentId root, Visitor visitor) {
        walk("", root, visitor);
    }

    private void walk(String path, ContentId treeId, Visitor visitor) {
        Tree tree;
        try {
            tree = reader.readTree(treeId);
        } catch (CairnException e) {
            visitor.damagedTree(path.isEmpty() ? "/" : path, treeId, e);
            return;
        }
        for (Node node : tree.nodes()) {
            String child = path + "/" + node.name();
            visitor.visit(child, node);
            if (node.isDirectory() && node.subtree() != null) {
                walk(child, ContentId.parse(node.subtree()), visitor);
            }
        }
    }
}
