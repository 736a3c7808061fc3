package io.cairn.repository.internal.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.Chunker;
import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.index.MasterIndex;
import io.cairn.repository.internal.tree.Node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks local paths into a {@link SnapshotWriter}: each path is stored under its absolute path
 * (so {@code /etc/app} restores to {@code <target>/etc/app}), its ancestors with their real
 * metadata. Files are chunked with the repository's content-defined chunker; a file that
 * matches the parent snapshot (size, mtime, ctime, inode) reuses its chunk ids unread. A file
 * that cannot be read becomes a warning, not a failure, as with restic.
 */
public final class FileBackup {
    /** Without owner and group: the JDK resolves those with getpwuid/getgrgid per call (a third of a no-change run). */
    private static final String ATTRIBUTES = "unix:mode,uid,gid,ino,ctime,lastModifiedTime,size";

    private final SnapshotWriter writer;
    private final Chunker chunker;
    private final Optional<ParentTree> parent;
    private final MasterIndex index;
    private final List<PathMatcher> nameExcludes = new ArrayList<>();
    private final List<PathMatcher> pathExcludes = new ArrayList<>();
    private final BackupCounters counters;
    private final ProgressTracker progress;
    private final Map<Integer, String> userNames = new HashMap<>();
    private final Map<Integer, String> groupNames = new HashMap<>();

    public FileBackup(SnapshotWriter writer, BackupSession session, Chunker chunker, MasterIndex index,
            Optional<ParentTree> parent) {
        this.writer = writer;
        this.chunker = chunker;
        this.parent = parent;
        this.index = index;
        this.counters = session.counters();
        this.progress = session.progress();
        for (String pattern : session.options().excludes()) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            (pattern.contains("/") ? pathExcludes : nameExcludes).add(matcher);
        }
    }

    public void run(List<Path> paths) throws IOException {
        scanTotals(paths);
        for (Path path : paths) {
            List<String> segments = segmentsOf(path);
            for (int depth = 1; depth < segments.size(); depth++) {
                Path ancestor = Path.of("/").resolve(String.join("/", segments.subList(0, depth)));
                writer.addNode(segments.subList(0, depth), node(ancestor, segments.get(depth - 1), attributes(ancestor)));
            }
            visit(path, segments);
        }
    }

    private void visit(Path path, List<String> segments) {
        if (excluded(path)) {
            return;
        }
        String name = segments.get(segments.size() - 1);
        Map<String, Object> attributes;
        try {
            attributes = attributes(path);
        } catch (IOException e) {
            writer.warn(path + ": cannot read metadata: " + e.getMessage());
            return;
        }
        Node node = node(path, name, attributes);
        progress.item(path.toString());
        if (node.isDirectory()) {
            writer.addNode(segments, node);
            for (Path child : children(path)) {
                List<String> childSegments = new ArrayList<>(segments);
                childSegments.add(child.getFileName().toString());
                visit(child, childSegments);
            }
        } else if (node.isFile()) {
            backupFile(path, segments, node);
        } else {
            writer.addNode(segments, node);
        }
    }

    private void backupFile(Path path, List<String> segments, Node node) {
        Optional<Node> previous = parent.flatMap(tree -> tree.find(segments));
        if (previous.isPresent() && ParentTree.unchanged(previous.get(), node)
                && ParentTree.allIndexed(previous.get(), index)) {
            writer.addUnchangedFile(segments, node, previous.get().content());
            counters.filesUnchanged.increment();
            return;
        }
        try (InputStream input = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            writer.addFile(segments, node, input, chunker);
            (previous.isPresent() ? counters.filesChanged : counters.filesNew).increment();
        } catch (IOException e) {
            writer.warn(path + ": cannot read: " + e.getMessage());
        }
    }

    private List<Path> children(Path directory) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            writer.warn(directory + ": cannot list: " + e.getMessage());
        }
        children.sort(null);
        return children;
    }

    private boolean excluded(Path path) {
        if (nameExcludes.isEmpty() && pathExcludes.isEmpty()) {
            return false;
        }
        Path name = path.getFileName();
        return name != null && nameExcludes.stream().anyMatch(matcher -> matcher.matches(name))
                || pathExcludes.stream().anyMatch(matcher -> matcher.matches(path));
    }

    /**
     * Counts files and bytes for progress. {@code walkFileTree} hands each entry's attributes
     * from the stat it needed anyway, so this costs no further stat per file (it used to cost
     * two: a third of the system calls of a mostly unchanged backup); excluded directories are
     * not entered.
     */
    private void scanTotals(List<Path> paths) {
        long[] totals = new long[2];
        FileVisitor<Path> counter = new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                return excluded(directory) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !excluded(file)) {
                    totals[0]++;
                    totals[1] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // reported when it is backed up
            }
        };
        for (Path path : paths) {
            try {
                Files.walkFileTree(path, counter);
            } catch (IOException e) {
                return;
            }
        }
        progress.totals(totals[0], totals[1]);
    }

    private static Map<String, Object> attributes(Path path) throws IOException {
        return Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }

    private Node node(Path path, String name, Map<String, Object> attributes) {
        int mode = (Integer) attributes.get("mode");
        int format = mode & 0170000;
        String type = format == 0040000 ? Node.DIRECTORY : format == 0100000 ? Node.FILE
                : format == 0120000 ? Node.SYMLINK : Node.SPECIAL;
        String target = null;
        if (type.equals(Node.SYMLINK)) {
            try {
                target = Files.readSymbolicLink(path).toString();
            } catch (IOException e) {
                throw new CairnException(ErrorCode.STORAGE, path + ": cannot read symlink: " + e.getMessage(), e);
            }
        }
        return new Node(name, type, type.equals(Node.SPECIAL) ? mode : mode & 07777,
                ((FileTime) attributes.get("lastModifiedTime")).toInstant(),
                ((FileTime) attributes.get("ctime")).toInstant(), (Long) attributes.get("ino"),
                (Integer) attributes.get("uid"), (Integer) attributes.get("gid"),
                nameOf(userNames, path, "unix:owner", (Integer) attributes.get("uid")),
                nameOf(groupNames, path, "unix:group", (Integer) attributes.get("gid")),
                type.equals(Node.FILE) ? (Long) attributes.get("size") : null, null, null, target);
    }

    /** The user or group name of an id, looked up once per id for the whole backup. */
    private static String nameOf(Map<Integer, String> cache, Path path, String attribute, int id) {
        return cache.computeIfAbsent(id, ignored -> {
            try {
                return ((UserPrincipal) Files.getAttribute(path, attribute, LinkOption.NOFOLLOW_LINKS)).getName();
            } catch (IOException e) {
                return Integer.toString(id);
            }
        });
    }

    static List<String> segmentsOf(Path absolute) {
        List<String> segments = new ArrayList<>();
        absolute.forEach(part -> segments.add(part.toString()));
        return segments;
    }
}
