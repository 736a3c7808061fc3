package io.cairn.migrate.internal;

import io.cairn.migrate.InfoRow;
import io.cairn.migrate.MigrationState;
import io.cairn.migrate.MigrationVersion;
import io.cairn.migrate.ValidationProblem;
import io.cairn.migrate.ValidationProblem.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Compares the migrations found with the history: the state of each (info), what stops a
 * migrate (validate) and what a migrate runs (pending). Pure: no I/O, so every rule is unit-tested.
 */
public final class Planner {
    private final String db;
    private final ResolvedSet files;
    private final HistoryState history;
    private final boolean outOfOrder;

    public Planner(String db, ResolvedSet files, HistoryState history, boolean outOfOrder) {
        this.db = db;
        this.files = files;
        this.history = history;
        this.outOfOrder = outOfOrder;
    }

    /** One row per migration: baseline, versions in order, then repeatables by description. */
    public List<InfoRow> rows() {
        List<InfoRow> rows = new ArrayList<>();
        history.baseline().ifPresent(entry -> rows.add(row("baseline", entry, Optional.empty(), MigrationState.BASELINE)));
        Set<MigrationVersion> versions = new TreeSet<>(history.versions().keySet());
        files.versioned().forEach(m -> versions.add(m.version().orElseThrow()));
        for (MigrationVersion version : versions) {
            Optional<ResolvedMigration> file = files.versioned(version);
            HistoryEntry entry = history.versions().get(version);
            rows.add(entry == null ? fileRow("versioned", file.orElseThrow(), pendingState(version))
                    : row("versioned", entry, file, appliedState(version, entry, file)));
        }
        Set<String> descriptions = new LinkedHashSet<>();
        files.repeatable().forEach(m -> descriptions.add(m.description()));
        descriptions.addAll(history.repeatables().keySet());
        for (String description : descriptions.stream().sorted().toList()) {
            Optional<ResolvedMigration> file = files.repeatable().stream()
                    .filter(m -> m.description().equals(description)).findFirst();
            HistoryEntry entry = history.repeatables().get(description);
            if (entry == null) {
                rows.add(fileRow("repeatable", file.orElseThrow(), MigrationState.PENDING));
            } else {
                MigrationState state = !entry.success() ? MigrationState.FAILED
                        : file.isEmpty() ? MigrationState.MISSING
                        : file.get().checksum().equals(entry.checksum()) && !history.undoneSince(entry)
                        ? MigrationState.APPLIED : MigrationState.OUTDATED;
                rows.add(row("repeatable", entry, file, state));
            }
        }
        return rows;
    }

    private MigrationState pendingState(MigrationVersion version) {
        Optional<MigrationVersion> baseline = history.baselineVersion();
        if (baseline.isPresent() && version.compareTo(baseline.get()) <= 0) {
            return MigrationState.BELOW_BASELINE;
        }
        Optional<MigrationVersion> current = history.currentVersion();
        if (!outOfOrder && current.isPresent() && version.compareTo(current.get()) < 0) {
            return MigrationState.IGNORED;
        }
        return MigrationState.PENDING;
    }

    private MigrationState appliedState(MigrationVersion version, HistoryEntry entry, Optional<ResolvedMigration> file) {
        if (!entry.success()) {
            return MigrationState.FAILED;
        }
        if (file.isEmpty()) {
            Optional<MigrationVersion> latest = files.latestVersion();
            return latest.isPresent() && version.compareTo(latest.get()) > 0 ? MigrationState.FUTURE : MigrationState.MISSING;
        }
        boolean same = file.get().checksum().equals(entry.checksum())
                && file.get().description().equals(entry.description());
        return same ? MigrationState.APPLIED : MigrationState.DRIFT;
    }

    private static InfoRow row(String category, HistoryEntry entry, Optional<ResolvedMigration> file, MigrationState state) {
        return new InfoRow(category, entry.version(), entry.description(), entry.type(), entry.script(), state,
                Optional.of(entry.installedOn()), Optional.of(entry.installedBy()), Optional.of(entry.executionTimeMs()),
                entry.checksum(), file.flatMap(ResolvedMigration::checksum));
    }

    private static InfoRow fileRow(String category, ResolvedMigration file, MigrationState state) {
        return new InfoRow(category, file.versionText(), file.description(), file.type(), file.script(), state,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), file.checksum());
    }

    /** Everything that makes migrate refuse to run, each with its fix. */
    public List<ValidationProblem> problems() {
        List<ValidationProblem> problems = new ArrayList<>();
        String repair = "`cairn migrate repair --db " + db + "`";
        for (InfoRow row : rows()) {
            String where = "database '" + db + "': " + row.script();
            switch (row.state()) {
                case DRIFT -> problems.add(drift(row, where, repair));
                case MISSING -> {
                    if (row.category().equals("versioned")) {
                        problems.add(new ValidationProblem(Kind.MISSING_FILE, row.version(), row.script(), where
                                + " was applied but is missing from " + files.location()
                                + " (restore the file, or run " + repair + " to mark it deleted)"));
                    }
                }
                case FAILED -> problems.add(new ValidationProblem(Kind.FAILED, row.version(), row.script(),
                        where + " failed or was interrupted at " + row.installedOn().orElseThrow() + " and may have left partial changes ("
                                + failedFix(row, repair) + ")"));
                case IGNORED -> problems.add(new ValidationProblem(Kind.OUT_OF_ORDER, row.version(), row.script(),
                        where + " is pending but version " + history.currentVersion().orElseThrow()
                                + " is already applied (renumber it above that version, or set migrations.out-of-order: true)"));
                default -> {
                }
            }
        }
        return problems;
    }

    private ValidationProblem drift(InfoRow row, String where, String repair) {
        boolean checksum = !row.checksum().equals(row.fileChecksum());
        if (checksum) {
            return new ValidationProblem(Kind.CHECKSUM_MISMATCH, row.version(), row.script(), where
                    + " was changed after it was applied (checksum " + row.checksum().map(String::valueOf).orElse("none")
                    + " in the history, " + row.fileChecksum().map(String::valueOf).orElse("none")
                    + " now; line endings and trailing spaces do not count): restore the file, or run " + repair
                    + " to accept the change");
        }
        String fileName = files.versioned(MigrationVersion.parse(row.version().orElseThrow())).map(ResolvedMigration::script)
                .orElse("?");
        return new ValidationProblem(Kind.DESCRIPTION_MISMATCH, row.version(), row.script(), where + " was applied as '"
                + row.description() + "' but the file is now " + fileName + " (rename it back, or run " + repair + ")");
    }

    private String failedFix(InfoRow row, String repair) {
        String manual = "undo the partial changes by hand, run " + repair + " to remove the failed entry, then migrate again";
        if (row.version().isEmpty()) {
            return "fix the file and the database, run " + repair + " to remove the failed entry, then migrate again";
        }
        Optional<ResolvedMigration> undo = undoFor(MigrationVersion.parse(row.version().get()));
        return undo.map(u -> "run `cairn migrate undo --db " + db + "` to run " + u.script()
                + " and migrate again, or " + manual).orElse(manual);
    }

    /** The undo migration for a version: a U file, or a Java migration that can undo. */
    public Optional<ResolvedMigration> undoFor(MigrationVersion version) {
        ResolvedMigration file = files.undo().get(version);
        if (file != null) {
            return Optional.of(file);
        }
        return files.versioned(version).filter(m -> m.java().map(j -> j.canUndo()).orElse(false));
    }

    /** What migrate runs, in order: pending versions up to {@code target}, then new or changed repeatables. */
    public List<ResolvedMigration> pending(Optional<MigrationVersion> target) {
        List<ResolvedMigration> pending = new ArrayList<>();
        Map<MigrationVersion, HistoryEntry> applied = history.versions();
        for (ResolvedMigration migration : files.versioned()) {
            MigrationVersion version = migration.version().orElseThrow();
            if (!applied.containsKey(version) && pendingState(version) == MigrationState.PENDING
                    && (target.isEmpty() || version.compareTo(target.get()) <= 0)) {
                pending.add(migration);
            }
        }
        for (ResolvedMigration migration : files.repeatable()) {
            HistoryEntry entry = history.repeatables().get(migration.description());
            if (entry == null || (entry.success() && (!migration.checksum().equals(entry.checksum())
                    || history.undoneSince(entry)))) {
                pending.add(migration);
            }
        }
        return pending;
    }
}
