package io.cairn.cli.repo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cairn.repository.SnapshotFilter;
import picocli.CommandLine.Option;

/** restic's snapshot filters, shared by the commands that list snapshots or pick {@code latest}. */
final class SnapshotFilterFlags {
    @Option(names = "--host", paramLabel = "HOST", description = "Only snapshots taken on HOST.")
    String host;
    @Option(names = "--path", paramLabel = "PATH", description = "Only snapshots that include PATH (repeatable: all of them).")
    List<String> paths = new ArrayList<>();
    @Option(names = "--tag", paramLabel = "TAG", description = "Only snapshots with TAG (repeatable: any of them).")
    List<String> tags = new ArrayList<>();

    /** {@code filter} narrowed by the flags given. */
    SnapshotFilter narrow(SnapshotFilter filter) {
        SnapshotFilter narrowed = filter.withTags(tags)
                .withPaths(paths.stream().map(SnapshotFilterFlags::recorded).toList());
        return host == null ? narrowed : narrowed.withHost(host);
    }

    /** File backups record absolute paths: a relative path that exists here means that one; anything else is taken as given. */
    private static String recorded(String path) {
        Path local = Path.of(path);
        return !local.isAbsolute() && Files.exists(local) ? local.toAbsolutePath().normalize().toString() : path;
    }
}
