package io.cairn.agent.internal;

import io.cairn.SnapshotKind;
import io.cairn.agent.Agent;
import io.cairn.agent.RestoreWindow;
import io.cairn.agent.RunRecord;
import io.cairn.agent.ScheduleConfig;
import io.cairn.agent.ScheduleTags;
import io.cairn.agent.WalStreamReport;
import io.cairn.backup.postgres.PgBackupInfo;
import io.cairn.backup.postgres.PgBackupList;
import io.cairn.backup.postgres.WalRange;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.HealthReport;
import io.cairn.repository.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON bodies of the admin API, built from the agent's state (maps keep field order stable). */
final class ApiViews {
    private final Agent agent;

    ApiViews(Agent agent) {
        this.agent = agent;
    }

    Map<String, Object> status() {
        HealthReport health = agent.health();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("startedAt", agent.startedAt());
        view.put("now", agent.clock().instant());
        view.put("overall", health.overall());
        view.put("databases", health.databases().size());
        view.put("schedules", agent.config().schedules().size());
        view.put("running", agent.config().schedules().stream().map(ScheduleConfig::name).filter(agent::isRunning).toList());
        view.put("openAlerts", agent.openAlerts().size());
        Map<String, Object> repository = new LinkedHashMap<>();
        repository.put("location", agent.repositoryDescription());
        repository.put("bytes", agent.repositoryBytes() < 0 ? null : agent.repositoryBytes());
        repository.put("diskFreeRatio", Double.isNaN(agent.diskFreeRatio()) ? null : agent.diskFreeRatio());
        view.put("repository", repository);
        return view;
    }

    /** Each database's health and its restore window (see {@link #restorePoints}). */
    Map<String, Object> databases() {
        Map<String, RestoreWindow> windows = new LinkedHashMap<>();
        agent.restoreWindows().forEach(window -> windows.put(window.db(), window));
        Map<String, WalStreamReport> streams = new LinkedHashMap<>();
        agent.walStreams().forEach(stream -> streams.put(stream.db(), stream));
        List<Object> databases = new ArrayList<>();
        for (DatabaseHealth health : agent.health().databases()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", health.id());
            view.put("type", health.type());
            view.put("status", health.status());
            view.put("latencyMs", health.latencyMillis());
            view.put("serverVersion", health.serverVersion());
            view.put("pool", health.pool());
            view.put("error", health.error());
            view.put("restoreWindow", Optional.ofNullable(windows.get(health.id())).map(ApiViews::summary));
            view.put("wal", Optional.ofNullable(streams.get(health.id())));
            databases.add(view);
        }
        return Map.of("databases", databases);
    }

    /** Every database's restore window: continuous ranges (PITR) and discrete points, oldest first. */
    Map<String, Object> restorePoints(QueryParameters query) {
        Optional<String> db = query.get("db");
        List<RestoreWindow> windows = agent.restoreWindows().stream()
                .filter(window -> db.isEmpty() || window.db().equals(db.get())).toList();
        if (db.isPresent() && windows.isEmpty()) {
            throw new AdminServer.HttpProblem(404, "database '" + db.get() + "' is not configured");
        }
        return Map.of("now", agent.clock().instant(), "databases", windows);
    }

    /**
     * The backups of each database: PostgreSQL base backups with what each restores to and the
     * archived WAL runs, then dumps and file backups tagged with the database; newest first.
     */
    Map<String, Object> backups(QueryParameters query) {
        Optional<String> db = query.get("db");
        List<SnapshotInfo> snapshots = agent.snapshots();
        List<Object> views = new ArrayList<>();
        for (RestoreWindow window : agent.restoreWindows()) {
            if (db.isPresent() && !db.get().equals(window.db())) {
                continue;
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("db", window.db());
            PgBackupList list = agent.baseBackups().get(window.db());
            if (list != null) {
                view.put("baseBackups", list.backups().stream()
                        .sorted(Comparator.comparing(PgBackupInfo::stopTime).reversed()).map(ApiViews::baseBackup).toList());
                view.put("wal", list.wal().stream().map(ApiViews::walRange).toList());
            }
            view.put("dumpsAndFiles", snapshots.stream()
                    .filter(s -> SnapshotKind.databaseOf(s).filter(window.db()::equals).isPresent())
                    .filter(s -> SnapshotKind.of(s).listedByDefault())
                    .sorted(Comparator.comparing(SnapshotInfo::time).reversed())
                    .map(s -> Map.of("id", s.shortId(), "kind", SnapshotKind.of(s).label(), "time", s.time(), "bytes", s.bytes()))
                    .toList());
            views.add(view);
        }
        if (db.isPresent() && views.isEmpty()) {
            throw new AdminServer.HttpProblem(404, "database '" + db.get() + "' is not configured");
        }
        return Map.of("databases", views);
    }

    private static Map<String, Object> baseBackup(PgBackupInfo backup) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", backup.shortId());
        view.put("type", backup.type());
        view.put("parent", backup.parent());
        view.put("start", backup.startTime());
        view.put("stop", backup.stopTime());
        view.put("startLsn", backup.startLsn().toString());
        view.put("stopLsn", backup.stopLsn().toString());
        view.put("timeline", backup.timeline());
        view.put("serverVersion", backup.serverVersion());
        view.put("bytes", backup.bytes());
        view.put("bytesAdded", backup.bytesAdded());
        view.put("bytesAddedStored", backup.bytesAddedStored());
        view.put("restorableFrom", backup.restorableFrom());
        view.put("restorableUntil", backup.restorableUntil());
        return view;
    }

    private static Map<String, Object> walRange(WalRange range) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("firstSegment", range.firstSegment());
        view.put("lastSegment", range.lastSegment());
        view.put("start", range.start().toString());
        view.put("end", range.end().toString());
        view.put("endTime", range.endTime());
        view.put("partial", range.partial());
        return view;
    }

    /** The supervised WAL streams. */
    Map<String, Object> wal() {
        return Map.of("streams", agent.walStreams());
    }

    private static Map<String, Object> summary(RestoreWindow window) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pointInTime", window.pointInTime());
        view.put("oldest", window.oldest());
        view.put("newest", window.newest());
        view.put("ranges", window.ranges().size());
        view.put("points", window.points().size());
        return view;
    }

    /**
     * Snapshots, newest first, with what they hold (kind) and the schedule and database the agent
     * tagged them with. Archived WAL (kind pg-wal, one snapshot per stored piece) is left out
     * unless asked for with {@code ?kind=pg-wal}: the restore points summarise it.
     */
    Map<String, Object> snapshots(QueryParameters query) {
        int limit = query.integer("limit", 200, 1, 10_000);
        Optional<String> kind = query.get("kind");
        List<SnapshotInfo> snapshots = new ArrayList<>(agent.snapshots().stream()
                .filter(s -> kind.map(SnapshotKind.of(s).label()::equals).orElse(SnapshotKind.of(s) != SnapshotKind.PG_WAL))
                .toList());
        snapshots.sort(Comparator.comparing(SnapshotInfo::time).reversed());
        List<Object> views = new ArrayList<>();
        for (SnapshotInfo snapshot : snapshots) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", snapshot.id());
            view.put("shortId", snapshot.shortId());
            view.put("time", snapshot.time());
            view.put("kind", SnapshotKind.of(snapshot).label());
            view.put("source", snapshot.source());
            view.put("schedule", ScheduleTags.scheduleOf(snapshot));
            view.put("db", SnapshotKind.databaseOf(snapshot));
            view.put("host", snapshot.host());
            view.put("paths", snapshot.paths());
            view.put("tags", snapshot.tags());
            view.put("files", snapshot.files());
            view.put("bytes", snapshot.bytes());
            view.put("dataAdded", snapshot.dataAdded());
            view.put("dataAddedStored", snapshot.dataAddedStored());
            views.add(view);
            if (views.size() == limit) {
                break;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", snapshots.size());
        body.put("snapshots", views);
        body.put("windows", windowsBySchedule(snapshots));
        return body;
    }

    Map<String, Object> schedules() {
        List<Object> views = new ArrayList<>();
        for (ScheduleConfig schedule : agent.config().schedules()) {
            Map<String, Object> view = new LinkedHashMap<>(schedule.describe());
            view.put("next", agent.nextFiring(schedule));
            view.put("running", agent.isRunning(schedule.name()));
            List<RunRecord> last = agent.runs(1, Optional.of(schedule.name()));
            view.put("lastRun", last.isEmpty() ? null : last.get(0));
            views.add(view);
        }
        return Map.of("schedules", views);
    }

    Map<String, Object> runs(QueryParameters query) {
        int limit = query.integer("limit", 50, 1, 500);
        Optional<String> job = query.get("job");
        job.ifPresent(name -> {
            if (agent.config().schedule(name).isEmpty()) {
                throw new AdminServer.HttpProblem(404, "schedule '" + name + "' is not configured");
            }
        });
        return Map.of("runs", agent.runs(limit, job));
    }

    Map<String, Object> alerts() {
        return Map.of("open", agent.openAlerts(), "resolved", agent.resolvedAlerts());
    }

    Map<String, Object> trigger(String schedule) {
        RunRecord run = agent.trigger(java.net.URLDecoder.decode(schedule, java.nio.charset.StandardCharsets.UTF_8));
        return Map.of("run", run);
    }

    private static Map<String, Object> windowsBySchedule(List<SnapshotInfo> snapshots) {
        Map<String, List<SnapshotInfo>> bySchedule = new LinkedHashMap<>();
        for (SnapshotInfo snapshot : snapshots) {
            String key = ScheduleTags.scheduleOf(snapshot).orElse("(other)");
            bySchedule.computeIfAbsent(key, k -> new ArrayList<>()).add(snapshot);
        }
        Map<String, Object> windows = new LinkedHashMap<>();
        bySchedule.forEach((key, list) -> windows.put(key, window(list)));
        return windows;
    }

    private static Map<String, Object> window(List<SnapshotInfo> snapshots) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("snapshots", snapshots.size());
        view.put("oldest", snapshots.stream().map(SnapshotInfo::time).min(Instant::compareTo));
        view.put("newest", snapshots.stream().map(SnapshotInfo::time).max(Instant::compareTo));
        view.put("times", snapshots.stream().map(SnapshotInfo::time).sorted().toList());
        return view;
    }
}
