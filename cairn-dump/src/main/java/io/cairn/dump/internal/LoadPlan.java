package io.cairn.dump.internal;

import io.cairn.dump.DumpEntry;
import java.util.List;

/**
 * What a load will do, decided before anything is read or written.
 *
 * @param entries      the dump files the load needs (all are verified before writing)
 * @param materialize  true when the engine copies the files to a local temporary directory
 *                     (verifying them) before its tool reads them, e.g. for parallel pg_restore
 * @param tool         the program that will load, with its version
 * @param state        what the engine decided while planning (tool path, target state), for its load step
 */
public record LoadPlan(List<DumpEntry> entries, boolean materialize, String tool, Object state,
        List<String> warnings) {

    public LoadPlan {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** The engine's own state, as the type it planned with. */
    public <T> T state(Class<T> type) {
        return type.cast(state);
    }

    public long bytes() {
        return entries.stream().mapToLong(DumpEntry::bytes).sum();
    }
}
