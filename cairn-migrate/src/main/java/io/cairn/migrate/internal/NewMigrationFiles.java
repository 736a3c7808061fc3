package io.cairn.migrate.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.migrate.MigrationVersion;
import io.cairn.migrate.NewMigrationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code cairn migrate new <name>}: the next V file and its U file, numbered after the highest version. */
public final class NewMigrationFiles {
    private NewMigrationFiles() {
    }

    public static NewMigrationResult create(String db, DatabaseType type, Path location, ResolvedSet existing, String name) {
        String slug = name.trim().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new CairnException(ErrorCode.USAGE, "\"" + name + "\" is not a usable migration name (use letters and digits, e.g. add_orders)");
        }
        MigrationVersion version = existing.latestVersion().map(MigrationVersion::nextMajor)
                .orElse(MigrationVersion.parse("1"));
        String extension = MigrationScanner.extension(type);
        String base = version + "__" + slug + "." + extension;
        Path forward = location.resolve("V" + base);
        Path undo = location.resolve("U" + base);
        String description = slug.replace('_', ' ');
        try {
            Files.createDirectories(location);
            write(forward, template(type, description, false));
            write(undo, template(type, description, true));
        } catch (FileAlreadyExistsException e) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': " + e.getFile() + " already exists", e);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "database '" + db + "': cannot write migration files in " + location
                    + ": " + e.getMessage(), e);
        }
        return new NewMigrationResult(db, version.toString(), List.of(forward.toString(), undo.toString()));
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    private static String template(DatabaseType type, String description, boolean undo) {
        String what = (undo ? "Undo: " : "") + description;
        return switch (type) {
            case REDIS -> "# " + what + "\n# one command per line, e.g.: HSET flags \"new checkout\" on\n";
            case MONGODB -> "// " + what + "\n// a JSON array of commands, e.g. {\"createIndex\": \"users\", \"key\": {\"email\": 1}}\n[\n]\n";
            default -> "-- " + what + "\n";
        };
    }
}
