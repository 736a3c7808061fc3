package io.cairn.agent.internal;

import io.cairn.SnapshotKind;
import io.cairn.agent.RestoreWindow;
import io.cairn.backup.postgres.PgBackupInfo;
import io.cairn.backup.postgres.PgBackupList;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.core.CairnException;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes each database's {@link RestoreWindow} from the repository: PostgreSQL base backups
 * with the archived WAL after them (each backup restores from its stop to where its WAL first
 * has a gap), plus dumps and file backups tagged with the database. Listing the repository is
 * not free, so the answer is kept and recomputed by {@link #refresh()} (after every run and at
 * every health check), never on an API request.
 */
public final class RestoreWindows {
    private static final Logger log = LoggerFactory.getLogger(RestoreWindows.class);

    private final Collection<DatabaseConfig> databases;
    private final Repository repository;
    private final PostgresBackups backups;
    private volatile Map<String, RestoreWindow> windows = Map.of();
    private volatile Map<String, PgBackupList> baseBackups = Map.of();

    public RestoreWindows(Collection<DatabaseConfig> databases, Repository repository, PostgresBackups backups,
            AgentMetrics metrics) {
        this.databases = List.copyOf(databases);
        this.repository = repository;
        this.backups = backups;
        for (DatabaseConfig database : this.databases) {
            metrics.registerRestoreWindow(database.id(), () -> window(database.id()).flatMap(RestoreWindow::oldest),
                    () -> window(database.id()).flatMap(RestoreWindow::newest));
        }
    }

    /** Recomputes every window from the repository now. */
    public synchronized void refresh() {
        List<SnapshotInfo> snapshots = repository.snapshots();
        Map<String, RestoreWindow> computed = new LinkedHashMap<>();
        Map<String, PgBackupList> lists = new LinkedHashMap<>();
        for (DatabaseConfig database : databases) {
            computed.put(database.id(), compute(database, snapshots, lists));
        }
        windows = computed;
        baseBackups = lists;
    }

    /** The newest computed windows, one per configured database (empty before the first refresh). */
    public List<RestoreWindow> all() {
        return List.copyOf(windows.values());
    }

    public Optional<RestoreWindow> window(String db) {
        return Optional.ofNullable(windows.get(db));
    }

    /** The base backups and archived WAL of each PostgreSQL database, as listed at the last refresh. */
    public Map<String, PgBackupList> baseBackups() {
        return baseBackups;
    }

    private RestoreWindow compute(DatabaseConfig database, List<SnapshotInfo> snapshots, Map<String, PgBackupList> lists) {
        List<RestoreWindow.Point> points = new ArrayList<>(otherPoints(database.id(), snapshots));
        List<RestoreWindow.Range> ranges = new ArrayList<>();
        Optional<String> walEnd = Optional.empty();
        Optional<String> error = Optional.empty();
        if (database.type() == DatabaseType.POSTGRESQL) {
            try {
                PgBackupList list = backups.backups(database.id());
                lists.put(database.id(), list);
                for (PgBackupInfo backup : list.backups()) {
                    String label = backup.type() + " " + backup.shortId();
                    points.add(new RestoreWindow.Point(backup.stopTime(), SnapshotKind.PG_BACKUP.label(), label));
                    backup.restorableUntil().filter(until -> until.isAfter(backup.restorableFrom()))
                            .ifPresent(until -> ranges.add(new RestoreWindow.Range(backup.restorableFrom(), until)));
                }
                walEnd = list.wal().stream().reduce((first, second) -> second).map(range -> range.end().toString());
            } catch (CairnException e) {
                log.warn("database '{}': restore window not available: {}", database.id(), e.getMessage());
                error = Optional.of(e.getMessage());
            }
        }
        points.sort(Comparator.comparing(RestoreWindow.Point::time));
        List<RestoreWindow.Range> merged = merge(ranges);
        Optional<Instant> oldest = Stream.concat(merged.stream().map(RestoreWindow.Range::from),
                points.stream().map(RestoreWindow.Point::time)).min(Comparator.naturalOrder());
        Optional<Instant> newest = Stream.concat(merged.stream().map(RestoreWindow.Range::until),
                points.stream().map(RestoreWindow.Point::time)).max(Comparator.naturalOrder());
        return new RestoreWindow(database.id(), database.type().configName(), !merged.isEmpty(), oldest, newest, merged,
                points, walEnd, error);
    }

    /** Dumps, file backups and other snapshots of this database (not its base backups or WAL). */
    private static List<RestoreWindow.Point> otherPoints(String db, List<SnapshotInfo> snapshots) {
        List<RestoreWindow.Point> points = new ArrayList<>();
        for (SnapshotInfo snapshot : snapshots) {
            SnapshotKind kind = SnapshotKind.of(snapshot);
            boolean ofDb = SnapshotKind.databaseOf(snapshot).filter(db::equals).isPresent();
            if (ofDb && kind.listedByDefault()) {
                points.add(new RestoreWindow.Point(snapshot.time(), kind.label(), snapshot.shortId()));
            }
        }
        return points;
    }

    /** Overlapping or touching ranges become one. */
    static List<RestoreWindow.Range> merge(List<RestoreWindow.Range> ranges) {
        List<RestoreWindow.Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(RestoreWindow.Range::from));
        List<RestoreWindow.Range> merged = new ArrayList<>();
        for (RestoreWindow.Range range : sorted) {
            if (!merged.isEmpty() && !range.from().isAfter(merged.get(merged.size() - 1).until())) {
                RestoreWindow.Range last = merged.remove(merged.size() - 1);
                merged.add(new RestoreWindow.Range(last.from(),
                        range.until().isAfter(last.until()) ? range.until() : last.until()));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }
}
