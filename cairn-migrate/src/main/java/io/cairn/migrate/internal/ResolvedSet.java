package io.cairn.migrate.internal;

import io.cairn.migrate.MigrationVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migrations of one database: versioned ones by version, undo ones by the version they
 * reverse, repeatable ones by description.
 */
public record ResolvedSet(Path location, List<ResolvedMigration> versioned, Map<MigrationVersion, ResolvedMigration> undo,
                          List<ResolvedMigration> repeatable) {

    public Optional<ResolvedMigration> versioned(MigrationVersion version) {
        return versioned.stream().filter(m -> m.version().orElseThrow().equals(version)).findFirst();
    }

    public Optional<MigrationVersion> latestVersion() {
        return versioned.isEmpty() ? Optional.empty() : versioned.get(versioned.size() - 1).version();
    }
}
