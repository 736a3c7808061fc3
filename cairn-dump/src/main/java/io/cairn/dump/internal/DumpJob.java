package io.cairn.dump.internal;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.DumpFormat;
import io.cairn.dump.DumpOptions;
import java.nio.file.Path;

/**
 * One dump for an engine to run.
 *
 * @param temporaryDirectory where a format that must write files (PostgreSQL directory) may put them
 */
public record DumpJob(DataManager dataManager, DatabaseConfig source, DumpOptions options, DumpFormat format,
        DumpWriter writer, Path temporaryDirectory) {
}
