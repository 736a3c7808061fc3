package io.cairn.dump.internal;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.LoadOptions;
import java.nio.file.Path;

/** One load for an engine to run: the verified-reading side of the dump and the target database. */
public record LoadJob(DataManager dataManager, DatabaseConfig target, DumpReader reader, LoadOptions options,
        Path temporaryDirectory) {

    public DumpManifest manifest() {
        return reader.manifest();
    }
}
