package io.cairn.migrate.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.migrate.MigrationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which versions an undo reverses, and with which undo migrations; every one is checked before any runs. */
final class UndoPlan {
    private UndoPlan() {
    }

    static List<MigrationVersion> versions(String db, HistoryState state, Optional<MigrationVersion> to) {
        List<MigrationVersion> applied = new ArrayList<>(state.versions().keySet());
        applied.sort(java.util.Comparator.reverseOrder());
        Optional<MigrationVersion> baseline = state.baselineVersion();
        if (to.isPresent() && baseline.isPresent() && to.get().compareTo(baseline.get()) < 0) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': cannot undo below the baseline "
                    + baseline.get() + " (versions up to the baseline were never run by Cairn)");
        }
        if (to.isEmpty()) {
            return applied.isEmpty() ? List.of() : List.of(applied.get(0));
        }
        return applied.stream().filter(v -> v.compareTo(to.get()) > 0).toList();
    }

    static List<ResolvedMigration> migrations(String db, ResolvedSet files, Planner planner, HistoryState state,
                                              List<MigrationVersion> versions) {
        List<ResolvedMigration> undos = new ArrayList<>();
        for (MigrationVersion version : versions) {
            Optional<ResolvedMigration> undo = planner.undoFor(version);
            if (undo.isEmpty()) {
                HistoryEntry entry = state.versions().get(version);
                String expected = expectedUndoFile(entry.script());
                String fix = entry.type().equals("JAVA") ? entry.script() + " must implement canUndo() and undo()"
                        : "write " + expected + " in " + files.location() + " to reverse " + entry.script();
                throw new CairnException(ErrorCode.NOT_FOUND, "database '" + db + "': cannot undo version " + version
                        + " (" + entry.description() + "): " + (entry.type().equals("JAVA") ? "the Java migration cannot undo"
                        : expected + " is missing") + " (" + fix + "); nothing was undone");
            }
            undos.add(undo.get());
        }
        return undos;
    }

    /** V3__add_orders.sql → U3__add_orders.sql, keeping any sub-directory. */
    static String expectedUndoFile(String script) {
        int slash = script.lastIndexOf('/');
        String name = script.substring(slash + 1);
        return script.substring(0, slash + 1) + (name.startsWith("V") ? "U" + name.substring(1) : name);
    }
}
