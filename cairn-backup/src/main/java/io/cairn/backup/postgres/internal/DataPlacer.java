package io.cairn.backup.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a backup's files to their places: the data directory through a staging directory next
 * to the target (one rename makes it appear whole), each tablespace through a staging
 * directory next to its (possibly new) location, and a tablespace_map that names the new
 * locations, from which PostgreSQL recreates pg_tblspc's links when it starts.
 */
final class DataPlacer {
    private final RepositoryGateway gateway;

    DataPlacer(RepositoryGateway gateway) {
        this.gateway = gateway;
    }

    /** Returns the bytes restored. */
    long place(BackupCatalog.Backup backup, Path directory, Map<String, Path> relocations) throws IOException {
        BackupManifest manifest = backup.manifest();
        for (Map.Entry<String, String> tablespace : manifest.tablespaces().entrySet()) {
            requireEmpty(relocations.getOrDefault(tablespace.getKey(), Path.of(tablespace.getValue())), "tablespace "
                    + tablespace.getKey());
        }
        long bytes = 0;
        Path parent = directory.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + directory.getFileName() + ".cairn-restore-");
        try {
            bytes += gateway.restore(backup.id(), List.of(DataDirectoryScanner.DATA_PREFIX), staging);
            Path data = staging.resolve(DataDirectoryScanner.DATA_PREFIX);
            for (Map.Entry<String, String> tablespace : manifest.tablespaces().entrySet()) {
                Path location = relocations.getOrDefault(tablespace.getKey(), Path.of(tablespace.getValue()));
                bytes += placeTablespace(backup, tablespace.getKey(), location);
            }
            if (!manifest.tablespaces().isEmpty()) {
                rewriteTablespaceMap(data.resolve("tablespace_map"), manifest.tablespaces(), relocations);
            }
            Files.deleteIfExists(directory);
            Files.move(data, directory);
        } finally {
            Directories.deleteRecursively(staging);
        }
        return bytes;
    }

    private long placeTablespace(BackupCatalog.Backup backup, String oid, Path location) throws IOException {
        Path parent = location.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + location.getFileName() + ".cairn-restore-");
        try {
            String path = DataDirectoryScanner.TABLESPACE_PREFIX + "/" + oid;
            long bytes = gateway.restore(backup.id(), List.of(path), staging);
            Files.deleteIfExists(location);
            Files.move(staging.resolve(path), location);
            return bytes;
        } finally {
            Directories.deleteRecursively(staging);
        }
    }

    /** tablespace_map lines are {@code <oid> <path>}; relocated tablespaces get their new path. */
    private static void rewriteTablespaceMap(Path map, Map<String, String> original, Map<String, Path> relocations)
            throws IOException {
        if (relocations.isEmpty() || !Files.exists(map)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(map, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            String oid = space < 0 ? line : line.substring(0, space);
            Path moved = relocations.get(oid);
            text.append(moved != null && original.containsKey(oid) ? oid + " " + moved : line).append('\n');
        }
        Files.writeString(map, text, StandardCharsets.UTF_8);
    }

    private static void requireEmpty(Path location, String what) {
        if (!Directories.isEmptyOrAbsent(location)) {
            throw new CairnException(ErrorCode.PRECONDITION, what + " would be restored to " + location
                    + ", which is not empty: empty it or map the tablespace to a new directory");
        }
    }
}
