package io.cairn.repository.internal.tree;

import java.util.List;

/**
 * A directory listing, stored as a TREE blob (JSON). Nodes are sorted by name so the same
 * directory state always yields the same bytes and so the same id (trees dedup too).
 */
public record Tree(List<Node> nodes) {
}
