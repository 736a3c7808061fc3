package io.cairn.migrate.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.migrate.JavaMigration;
import io.cairn.migrate.MigrationVersion;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the migration files of one database under its location (recursively) and merges in the
 * Java migrations registered for it. A file that looks like a migration but is misnamed
 * ({@code V1_init.sql}), has the wrong extension for the database, or repeats a version is an
 * error naming the file, rather than being silently skipped.
 */
public final class MigrationScanner {
    private static final Pattern NAME = Pattern.compile("([VUR])(\\d+(?:[._]\\d+)*)?__(.+)\\.(sql|redis|json)");
    private static final Pattern LOOKS_LIKE_MIGRATION = Pattern.compile("[VUR](\\d|_).*\\.(sql|redis|json)");

    private MigrationScanner() {
    }

    /** The file extension migrations of this database type use. */
    public static String extension(DatabaseType type) {
        return switch (type) {
            case REDIS -> "redis";
            case MONGODB -> "json";
            default -> "sql";
        };
    }

    public static String historyType(DatabaseType type) {
        return switch (type) {
            case REDIS -> "REDIS";
            case MONGODB -> "MONGO";
            default -> "SQL";
        };
    }

    public static ResolvedSet scan(String db, DatabaseType type, Path location, List<JavaMigration> javaMigrations) {
        List<ResolvedMigration> found = new ArrayList<>();
        for (Path file : files(db, location)) {
            parse(db, type, location, file).ifPresent(found::add);
        }
        for (JavaMigration java : javaMigrations) {
            MigrationVersion version = MigrationVersion.parse(java.version());
            found.add(new ResolvedMigration(MigrationKind.VERSIONED, Optional.of(version), java.description(), "JAVA",
                    java.getClass().getName(), Optional.empty(), java.checksum(), Optional.of(java)));
        }
        return assemble(db, location, found);
    }

    private static List<Path> files(String db, Path location) {
        if (!Files.isDirectory(location)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(location)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "database '" + db + "': cannot list migrations in " + location
                    + ": " + e.getMessage() + " (check the directory's permissions)", e);
        }
    }

    private static Optional<ResolvedMigration> parse(String db, DatabaseType type, Path location, Path file) {
        String name = file.getFileName().toString();
        String script = location.relativize(file).toString().replace('\\', '/');
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            if (LOOKS_LIKE_MIGRATION.matcher(name).matches()) {
                throw new CairnException(ErrorCode.USAGE, "database '" + db + "': " + location.resolve(script)
                        + " looks like a migration but is not named V<version>__<description>, U<version>__<description> or R__<description> (note the two underscores)");
            }
            return Optional.empty();
        }
        String expected = extension(type);
        if (!matcher.group(4).equals(expected)) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "': " + location.resolve(script) + " is a ."
                    + matcher.group(4) + " file but " + type + " migrations are ." + expected
                    + " files (move it to the right database's directory)");
        }
        MigrationKind kind = switch (matcher.group(1)) {
            case "V" -> MigrationKind.VERSIONED;
            case "U" -> MigrationKind.UNDO;
            default -> MigrationKind.REPEATABLE;
        };
        boolean hasVersion = matcher.group(2) != null;
        if (hasVersion == (kind == MigrationKind.REPEATABLE)) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "': " + location.resolve(script)
                    + (hasVersion ? ": repeatable migrations have no version (name it R__<description>." + expected + ")"
                    : ": needs a version (e.g. " + matcher.group(1) + "1__" + matcher.group(3) + "." + expected + ")"));
        }
        String content = read(db, file);
        return Optional.of(new ResolvedMigration(kind, hasVersion ? Optional.of(MigrationVersion.parse(matcher.group(2)))
                : Optional.empty(), matcher.group(3).replace('_', ' '), historyType(type), script,
                Optional.of(content), Optional.of(Checksums.of(content)), Optional.empty()));
    }

    private static String read(String db, Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "': " + file
                    + " is not valid UTF-8 (save it as UTF-8)", e);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "database '" + db + "': cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static ResolvedSet assemble(String db, Path location, List<ResolvedMigration> found) {
        Map<MigrationVersion, ResolvedMigration> versioned = new TreeMap<>();
        Map<MigrationVersion, ResolvedMigration> undo = new TreeMap<>();
        Map<String, ResolvedMigration> repeatable = new LinkedHashMap<>();
        for (ResolvedMigration migration : found) {
            ResolvedMigration clash = switch (migration.kind()) {
                case VERSIONED -> versioned.putIfAbsent(migration.version().orElseThrow(), migration);
                case UNDO -> undo.putIfAbsent(migration.version().orElseThrow(), migration);
                case REPEATABLE -> repeatable.putIfAbsent(migration.description(), migration);
            };
            if (clash != null) {
                throw new CairnException(ErrorCode.USAGE, "database '" + db + "': " + clash.script() + " and "
                        + migration.script() + " both define " + migration.label().replaceFirst(" \\(.*", "")
                        + (migration.kind() == MigrationKind.REPEATABLE ? " '" + migration.description() + "'" : "")
                        + " (renumber or rename one of them)");
            }
        }
        List<ResolvedMigration> repeatables = new ArrayList<>(repeatable.values());
        repeatables.sort(Comparator.comparing(ResolvedMigration::description));
        return new ResolvedSet(location, List.copyOf(versioned.values()), Map.copyOf(undo), List.copyOf(repeatables));
    }
}
