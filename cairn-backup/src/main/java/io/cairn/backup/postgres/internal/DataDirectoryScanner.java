package io.cairn.backup.postgres.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists what a base backup copies from a data directory and its tablespaces, leaving out what
 * PostgreSQL's own base backup leaves out (src/backend/backup/basebackup.c): the contents of
 * pg_wal, pg_replslot, pg_stat_tmp, pg_dynshmem, pg_notify, pg_serial, pg_snapshots, pg_subtrans;
 * postmaster.pid/opts, backup_label, tablespace_map, backup_manifest, *.tmp files of the server;
 * pg_internal.init, pgsql_tmp* temporary files and directories, temporary relations, and every
 * fork but the init fork of unlogged relations. pg_tblspc's links are not stored: the
 * tablespace_map of the backup recreates them at restore. Files that vanish while the
 * directory is walked (a table dropped meanwhile) are skipped; WAL replay recreates the truth.
 */
public final class DataDirectoryScanner {
    static final String DATA_PREFIX = "pgdata";
    static final String TABLESPACE_PREFIX = "tablespaces";
    /** Where a Cairn restore stages WAL for restore_command; never part of a backup. */
    public static final String SPOOL_DIRECTORY = "cairn_wal_spool";

    private static final Set<String> CONTENT_EXCLUDED = Set.of("pg_wal", "pg_stat_tmp", "pg_replslot", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans", "pg_tblspc");
    private static final Set<String> TOP_FILES_EXCLUDED = Set.of("postmaster.pid", "postmaster.opts",
            "postgresql.auto.conf.tmp", "current_logfiles.tmp", "backup_label", "tablespace_map", "backup_manifest",
            "backup_label.old", "tablespace_map.old", "recovery.signal", "standby.signal", SPOOL_DIRECTORY);
    private static final Pattern RELATION = Pattern.compile("(\\d+)(?:_(fsm|vm|init))?(?:\\.(\\d+))?");
    private static final Pattern TEMPORARY_RELATION = Pattern.compile("t\\d+_\\d+(?:_(?:fsm|vm|init))?(?:\\.\\d+)?");
    private static final String ATTRIBUTES = "unix:mode,uid,gid,lastModifiedTime,size";

    private final long relationSegmentBlocks;
    private final List<SourceEntry> entries = new ArrayList<>();

    public DataDirectoryScanner(long relationSegmentBlocks) {
        this.relationSegmentBlocks = relationSegmentBlocks;
    }

    /**
     * Lists the data directory and each tablespace (oid → location; only its
     * {@code versionDirectory}, e.g. PG_15_202209061, is copied), in a stable order.
     */
    public List<SourceEntry> scan(Path dataDirectory, Map<String, Path> tablespaces, String versionDirectory)
            throws IOException {
        entries.clear();
        add(DATA_PREFIX, dataDirectory, Optional.empty());
        walk(dataDirectory, DATA_PREFIX, "", false);
        for (Map.Entry<String, Path> tablespace : new java.util.TreeMap<>(tablespaces).entrySet()) {
            String root = TABLESPACE_PREFIX + "/" + tablespace.getKey();
            Path location = tablespace.getValue();
            add(root, location, Optional.empty());
            Path version = location.resolve(versionDirectory);
            if (Files.isDirectory(version)) {
                add(root + "/" + versionDirectory, version, Optional.empty());
                walk(version, root + "/" + versionDirectory, "", true);
            }
        }
        return List.copyOf(entries);
    }

    /** Walks {@code directory}; {@code relative} is its path below the data directory (or tablespace version dir). */
    private void walk(Path directory, String snapshotPath, String relative, boolean inTablespace) throws IOException {
        List<Path> children = children(directory);
        Set<String> unlogged = unloggedRelations(children, relative, inTablespace);
        for (Path child : children) {
            String name = child.getFileName().toString();
            String childRelative = relative.isEmpty() ? name : relative + "/" + name;
            if (excluded(name, relative, childRelative, inTablespace, unlogged)) {
                continue;
            }
            String childSnapshotPath = snapshotPath + "/" + name;
            if (!inTablespace && relative.isEmpty() && CONTENT_EXCLUDED.contains(name)) {
                add(childSnapshotPath, child, Optional.empty(), true);
                if (name.equals("pg_wal")) {
                    entries.add(new SourceEntry(childSnapshotPath + "/archive_status", child, SourceEntry.Type.DIRECTORY,
                            directoryMetadata(child), Optional.empty(), Optional.empty(), 0));
                }
                continue;
            }
            Optional<SourceEntry> entry = add(childSnapshotPath, child, relationBlock(name, relative, inTablespace));
            if (entry.isPresent() && entry.get().type() == SourceEntry.Type.DIRECTORY) {
                walk(child, childSnapshotPath, childRelative, inTablespace);
            }
        }
    }

    private boolean excluded(String name, String parent, String relative, boolean inTablespace, Set<String> unlogged) {
        if (name.startsWith("pgsql_tmp") || name.startsWith("pg_internal.init")) {
            return true;
        }
        if (!inTablespace && parent.isEmpty() && TOP_FILES_EXCLUDED.contains(name)) {
            return true;
        }
        if (isDatabaseDirectory(parent, inTablespace)) {
            if (TEMPORARY_RELATION.matcher(name).matches()) {
                return true;
            }
            Matcher relation = RELATION.matcher(name);
            return relation.matches() && unlogged.contains(relation.group(1)) && !"init".equals(relation.group(2));
        }
        return false;
    }

    /** Relations of a database directory that have an init fork: unlogged, so only that fork is copied. */
    private Set<String> unloggedRelations(List<Path> children, String relative, boolean inTablespace) {
        Set<String> unlogged = new HashSet<>();
        if (!isDatabaseDirectory(relative, inTablespace)) {
            return unlogged;
        }
        for (Path child : children) {
            Matcher relation = RELATION.matcher(child.getFileName().toString());
            if (relation.matches() && "init".equals(relation.group(2))) {
                unlogged.add(relation.group(1));
            }
        }
        return unlogged;
    }

    /** base/<oid> in the data directory, <oid> in a tablespace's version directory. */
    private static boolean isDatabaseDirectory(String relative, boolean inTablespace) {
        if (inTablespace) {
            return relative.matches("\\d+");
        }
        return relative.matches("base/\\d+");
    }

    private Optional<Long> relationBlock(String name, String parent, boolean inTablespace) {
        if (!isDatabaseDirectory(parent, inTablespace) && !(parent.equals("global") && !inTablespace)) {
            return Optional.empty();
        }
        Matcher relation = RELATION.matcher(name);
        if (!relation.matches()) {
            return Optional.empty();
        }
        long segment = relation.group(3) == null ? 0 : Long.parseLong(relation.group(3));
        return Optional.of(segment * relationSegmentBlocks);
    }

    private Optional<SourceEntry> add(String snapshotPath, Path path, Optional<Long> relationBlock) throws IOException {
        return add(snapshotPath, path, relationBlock, false);
    }

    /** Adds the entry; {@code asDirectory} stores a symlinked pg_wal as a plain directory. */
    private Optional<SourceEntry> add(String snapshotPath, Path path, Optional<Long> relationBlock, boolean asDirectory)
            throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, ATTRIBUTES, asDirectory ? new LinkOption[0]
                    : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        RepositoryGateway.Entry metadata = metadata(attributes);
        int format = (Integer) attributes.get("mode") & 0170000;
        SourceEntry entry;
        if (format == 0040000 || asDirectory) {
            entry = new SourceEntry(snapshotPath, path, SourceEntry.Type.DIRECTORY, metadata, Optional.empty(), Optional.empty(),
                    0);
        } else if (format == 0120000) {
            entry = new SourceEntry(snapshotPath, path, SourceEntry.Type.SYMLINK, metadata,
                    Optional.of(Files.readSymbolicLink(path).toString()), Optional.empty(), 0);
        } else if (format == 0100000) {
            entry = new SourceEntry(snapshotPath, path, SourceEntry.Type.FILE, metadata, Optional.empty(), relationBlock,
                    (Long) attributes.get("size"));
        } else {
            return Optional.empty();
        }
        entries.add(entry);
        return Optional.of(entry);
    }

    private static RepositoryGateway.Entry directoryMetadata(Path path) throws IOException {
        return metadata(Files.readAttributes(path, ATTRIBUTES));
    }

    private static RepositoryGateway.Entry metadata(Map<String, Object> attributes) {
        return new RepositoryGateway.Entry((Integer) attributes.get("mode") & 07777,
                ((FileTime) attributes.get("lastModifiedTime")).toInstant(),
                Optional.of((Integer) attributes.get("uid")), Optional.of((Integer) attributes.get("gid")));
    }

    private static List<Path> children(Path directory) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (NoSuchFileException e) {
            return children;
        }
        children.sort(null);
        return children;
    }
}
