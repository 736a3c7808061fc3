package io.cairn.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which snapshots an operation considers, restic's filters: the kind of source, the paths, the
 * host and the tags. {@code latest} means the newest snapshot a filter matches
 * ({@link Repository#latest}), so a file restore never picks the WAL piece a streamer stored a
 * second later. Immutable; each {@code with…} returns a new filter.
 *
 * <p>Paths: a snapshot matches when it holds every given path. Tags: when it has any of the given
 * tags. Host: equal. Modules that write their own kinds of snapshot (PostgreSQL backups, dumps)
 * publish predicates for them, which {@link #where} adds.
 */
public final class SnapshotFilter {
    /** The source of file backups ({@link Repository#backupFiles}). */
    public static final String FILES_SOURCE = "files";
    /** The source of single-stream backups ({@link Repository#backupStream}). */
    public static final String STREAM_SOURCE = "stream";

    private final Optional<String> source;
    private final List<String> paths;
    private final Optional<String> host;
    private final List<String> tags;
    private final Optional<Predicate<SnapshotInfo>> predicate;
    private final String description;

    private SnapshotFilter(Optional<String> source, List<String> paths, Optional<String> host, List<String> tags,
            Optional<Predicate<SnapshotInfo>> predicate, String description) {
        this.source = source;
        this.paths = List.copyOf(paths);
        this.host = host;
        this.tags = List.copyOf(tags);
        this.predicate = predicate;
        this.description = description;
    }

    /** Every snapshot. */
    public static SnapshotFilter all() {
        return new SnapshotFilter(Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(), "");
    }

    /** File backups only (what {@code cairn backup files} writes and {@code cairn restore} restores). */
    public static SnapshotFilter fileBackups() {
        return all().withSource(FILES_SOURCE);
    }

    /** Only snapshots of this source ({@link SnapshotInfo#source()}, e.g. {@value #FILES_SOURCE}). */
    public SnapshotFilter withSource(String source) {
        return new SnapshotFilter(Optional.of(Objects.requireNonNull(source)), paths, host, tags, predicate, description);
    }

    /** Only snapshots that hold every one of these paths (none: any paths). */
    public SnapshotFilter withPaths(List<String> paths) {
        return new SnapshotFilter(source, paths, host, tags, predicate, description);
    }

    /** Only snapshots taken on this host. */
    public SnapshotFilter withHost(String host) {
        return new SnapshotFilter(source, paths, Optional.of(Objects.requireNonNull(host)), tags, predicate, description);
    }

    /** Only snapshots with any of these tags (none: any tags). */
    public SnapshotFilter withTags(List<String> tags) {
        return new SnapshotFilter(source, paths, host, tags, predicate, description);
    }

    /**
     * Also the given condition, e.g. a module's own test of its kind of snapshot;
     * {@code description} says it in errors ("PostgreSQL base backups").
     */
    public SnapshotFilter where(Predicate<SnapshotInfo> condition, String description) {
        Predicate<SnapshotInfo> combined = predicate.map(p -> p.and(condition)).orElse(condition);
        String said = this.description.isEmpty() ? description : this.description + ", " + description;
        return new SnapshotFilter(source, paths, host, tags, Optional.of(combined), said);
    }

    public boolean matches(SnapshotInfo snapshot) {
        return source.map(snapshot.source()::equals).orElse(true)
                && snapshot.paths().containsAll(paths)
                && host.map(snapshot.host()::equals).orElse(true)
                && (tags.isEmpty() || snapshot.tags().stream().anyMatch(tags::contains))
                && predicate.map(p -> p.test(snapshot)).orElse(true);
    }

    /** What the filter asks for, for messages: {@code "file backups, host vm, paths /srv"}; {@code "any snapshot"} for none. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        source.ifPresent(s -> parts.add(FILES_SOURCE.equals(s) ? "file backups" : "source " + s));
        if (!description.isEmpty()) {
            parts.add(description);
        }
        host.ifPresent(h -> parts.add("host " + h));
        if (!paths.isEmpty()) {
            parts.add("paths " + String.join(" ", paths));
        }
        if (!tags.isEmpty()) {
            parts.add("tags " + String.join(" or ", tags));
        }
        return parts.isEmpty() ? "any snapshot" : String.join(", ", parts);
    }

    @Override
    public String toString() {
        return "SnapshotFilter[" + describe() + "]";
    }
}
