package io.cairn.migrate.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.migrate.AppliedMigration;
import io.cairn.migrate.BaselineResult;
import io.cairn.migrate.DryRunResult;
import io.cairn.migrate.InfoResult;
import io.cairn.migrate.MigrateResult;
import io.cairn.migrate.MigrationListener;
import io.cairn.migrate.MigrationVersion;
import io.cairn.migrate.PlannedMigration;
import io.cairn.migrate.PlannedStatement;
import io.cairn.migrate.RepairResult;
import io.cairn.migrate.UndoResult;
import io.cairn.migrate.ValidateResult;
import io.cairn.migrate.ValidationProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every migration operation on one database. Changing operations hold the database's migration
 * lock for their whole run and read the history only once they hold it, so a second migrator
 * that waited finds the work done. Read-only ones (info, validate, dry run) take no lock.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final String db;
    private final DatabaseType type;
    private final Backend backend;
    private final Supplier<ResolvedSet> files;
    private final boolean outOfOrder;
    private final Clock clock;
    private final MigrationListener listener;
    private final String installedBy;

    public Migrator(String db, DatabaseType type, Backend backend, Supplier<ResolvedSet> files, boolean outOfOrder,
                    Clock clock, MigrationListener listener, String installedBy) {
        this.db = db;
        this.type = type;
        this.backend = backend;
        this.files = files;
        this.outOfOrder = outOfOrder;
        this.clock = clock;
        this.listener = listener;
        this.installedBy = installedBy;
    }

    public MigrateResult migrate(Optional<MigrationVersion> target) {
        long start = System.nanoTime();
        ResolvedSet resolved = files.get();
        try (Backend.Session session = backend.open(true)) {
            session.createHistory();
            HistoryState state = HistoryState.of(session.history());
            Planner planner = new Planner(db, resolved, state, outOfOrder);
            refuseOnProblems(planner.problems());
            List<AppliedMigration> applied = new ArrayList<>();
            int rank = state.nextRank();
            for (ResolvedMigration migration : planner.pending(target)) {
                List<Step> steps = backend.steps(migration, false);
                HistoryEntry entry = entry(rank++, migration, migration.type());
                LOG.info("database '{}': applying {}", db, migration.script());
                listener.beforeMigration(db, migration.script());
                long began = System.nanoTime();
                session.run(new Execution(migration, steps, entry, backend.transactional(migration), listener,
                        undoHint(planner, migration)));
                applied.add(new AppliedMigration(migration.versionText(), migration.description(), migration.type(),
                        migration.script(), steps.size(), (System.nanoTime() - began) / 1_000_000));
            }
            Optional<String> current = HistoryState.of(session.history()).currentVersion().map(Object::toString);
            if (applied.isEmpty()) {
                LOG.info("database '{}': up to date at version {}", db, current.orElse("(none)"));
            }
            return new MigrateResult(db, type.configName(), state.currentVersion().map(Object::toString), current,
                    applied, (System.nanoTime() - start) / 1_000_000);
        }
    }

    public DryRunResult dryRun(Optional<MigrationVersion> target) {
        ResolvedSet resolved = files.get();
        try (Backend.Session session = backend.open(false)) {
            HistoryState state = HistoryState.of(session.history());
            Planner planner = new Planner(db, resolved, state, outOfOrder);
            refuseOnProblems(planner.problems());
            List<PlannedMigration> planned = new ArrayList<>();
            for (ResolvedMigration migration : planner.pending(target)) {
                List<PlannedStatement> statements = backend.steps(migration, false).stream().map(Step::statement).toList();
                planned.add(new PlannedMigration(migration.versionText(), migration.description(), migration.type(),
                        migration.script(), backend.transactional(migration), statements));
            }
            return new DryRunResult(db, type.configName(), state.currentVersion().map(Object::toString),
                    target.map(Object::toString), planned);
        }
    }

    public InfoResult info() {
        ResolvedSet resolved = files.get();
        try (Backend.Session session = backend.open(false)) {
            HistoryState state = HistoryState.of(session.history());
            return new InfoResult(db, type.configName(), state.currentVersion().map(Object::toString),
                    new Planner(db, resolved, state, outOfOrder).rows());
        }
    }

    public ValidateResult validate() {
        ResolvedSet resolved = files.get();
        try (Backend.Session session = backend.open(false)) {
            List<ValidationProblem> problems = new Planner(db, resolved, HistoryState.of(session.history()), outOfOrder)
                    .problems();
            return new ValidateResult(db, problems.isEmpty(), problems);
        }
    }

    /** Undoes the newest applied version, or with {@code to} every applied version above it, newest first. */
    public UndoResult undo(Optional<MigrationVersion> to) {
        long start = System.nanoTime();
        ResolvedSet resolved = files.get();
        try (Backend.Session session = backend.open(true)) {
            session.createHistory();
            HistoryState state = HistoryState.of(session.history());
            Planner planner = new Planner(db, resolved, state, outOfOrder);
            List<MigrationVersion> versions = UndoPlan.versions(db, state, to);
            List<ResolvedMigration> undos = UndoPlan.migrations(db, resolved, planner, state, versions);
            List<AppliedMigration> undone = new ArrayList<>();
            int rank = state.nextRank();
            for (ResolvedMigration undo : undos) {
                List<Step> steps = backend.steps(undo, true);
                HistoryEntry entry = entry(rank++, undo, HistoryEntry.UNDO_PREFIX + undo.type());
                LOG.info("database '{}': undoing {} with {}", db, undo.versionText().orElse("?"), undo.script());
                listener.beforeMigration(db, undo.script());
                long began = System.nanoTime();
                session.run(new Execution(undo, steps, entry, backend.transactional(undo), listener,
                        "fix the database by hand and run `cairn migrate repair --db " + db + "`, then undo again"));
                undone.add(new AppliedMigration(undo.versionText(), undo.description(), entry.type(), undo.script(),
                        steps.size(), (System.nanoTime() - began) / 1_000_000));
            }
            Optional<String> current = HistoryState.of(session.history()).currentVersion().map(Object::toString);
            return new UndoResult(db, state.currentVersion().map(Object::toString), current, undone,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    public BaselineResult baseline(MigrationVersion version, String description) {
        try (Backend.Session session = backend.open(true)) {
            session.createHistory();
            HistoryState state = HistoryState.of(session.history());
            boolean applied = state.entries().stream().anyMatch(e -> e.success() && e.version().isPresent()
                    && (e.isForward() || e.type().equals(HistoryEntry.BASELINE)));
            if (applied) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "' already has migrations applied"
                        + state.currentVersion().map(v -> " (current version " + v + ")").orElse("")
                        + ": baseline is only for a database without migration history");
            }
            session.insert(new HistoryEntry(state.nextRank(), Optional.of(version.toString()), description,
                    HistoryEntry.BASELINE, "<< baseline >>", Optional.empty(), installedBy, clock.instant(), 0, true));
            return new BaselineResult(db, version.toString(), description);
        }
    }

    public RepairResult repair() {
        ResolvedSet resolved = files.get();
        try (Backend.Session session = backend.open(true)) {
            session.createHistory();
            return Repair.run(session, resolved, HistoryState.of(session.history()), db, installedBy, clock);
        }
    }

    private HistoryEntry entry(int rank, ResolvedMigration migration, String historyType) {
        return new HistoryEntry(rank, migration.versionText(), migration.description(), historyType, migration.script(),
                migration.checksum(), installedBy, clock.instant(), 0, true);
    }

    private String undoHint(Planner planner, ResolvedMigration migration) {
        String repair = "undo the changes by hand, run `cairn migrate repair --db " + db + "`, then migrate again";
        return migration.version().flatMap(planner::undoFor)
                .map(u -> "run `cairn migrate undo --db " + db + "` (runs " + u.script() + ") and migrate again, or " + repair)
                .orElse(repair);
    }

    private void refuseOnProblems(List<ValidationProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String more = problems.size() > 1 ? " [and " + (problems.size() - 1)
                + " more: run `cairn migrate validate --db " + db + "`]" : "";
        throw new CairnException(ErrorCode.PRECONDITION, "migrate refused: " + problems.get(0).message() + more);
    }
}
