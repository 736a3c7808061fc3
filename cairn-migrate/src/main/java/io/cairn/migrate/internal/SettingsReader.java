package io.cairn.migrate.internal;

import io.cairn.core.CairnException;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.migrate.MigrationSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code migrations:} section of the configuration:
 * <pre>
 * migrations:
 *   location: migrations          # per database: &lt;location&gt;/&lt;db id&gt;
 *   table: cairn_schema_history
 *   databases:
 *     main: { location: db/main, out-of-order: true }
 * </pre>
 * Every key is checked at once; relative locations resolve against the configuration file's
 * directory (the working directory for a configuration built in code).
 */
public final class SettingsReader {
    /** Keys valid at the top of the section and, except databases, per database. */
    public static final Set<String> COMMON_KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "location", "table", "redis-key", "out-of-order", "lock-timeout", "lease", "installed-by")));
    static final Set<String> TOP_KEYS;
    private static final String CLASSPATH = "classpath:";

    static {
        Set<String> keys = new LinkedHashSet<>(COMMON_KEYS);
        keys.add("databases");
        TOP_KEYS = Collections.unmodifiableSet(keys);
    }

    private SettingsReader() {
    }

    /** The settings of every configured database, in configuration order. */
    public static Map<String, MigrationSettings> read(CairnConfig config) {
        Path base = baseDirectory(config);
        Optional<ConfigSection> section = config.section("migrations");
        Map<String, MigrationSettings> settings = new LinkedHashMap<>();
        if (section.isEmpty()) {
            for (String db : config.databases().keySet()) {
                settings.put(db, defaults(base.resolve(MigrationSettings.DEFAULT_LOCATION).resolve(db)));
            }
            return settings;
        }
        ConfigSection root = section.get();
        root.requireOnlyKeys(TOP_KEYS);
        ConfigSection databases = root.sectionOrEmpty("databases");
        for (String db : databases.keys()) {
            if (!config.databases().containsKey(db)) {
                throw databases.error(db, "no database '" + db + "' is defined under databases:",
                        "use one of: " + String.join(", ", config.databases().keySet()));
            }
        }
        Path rootLocation = locate(root, base, root.string("location", MigrationSettings.DEFAULT_LOCATION));
        MigrationSettings common = readCommon(root, defaults(rootLocation));
        for (String db : config.databases().keySet()) {
            Optional<ConfigSection> own = databases.section(db);
            MigrationSettings start = common.withLocation(rootLocation.resolve(db));
            if (own.isPresent()) {
                own.get().requireOnlyKeys(COMMON_KEYS);
                start = readCommon(own.get(), start);
                if (own.get().has("location")) {
                    start = start.withLocation(locate(own.get(), base, own.get().string("location")));
                }
            }
            settings.put(db, start);
        }
        return settings;
    }

    /**
     * A directory, relative to the configuration file, or {@code classpath:db/migrations}: files
     * packaged with the service, in a directory of the classpath or inside a jar (read through
     * the jar's own file system, so the same scanner reads both).
     */
    private static Path locate(ConfigSection section, Path base, String location) {
        if (!location.startsWith(CLASSPATH)) {
            return base.resolve(location);
        }
        String resource = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(SettingsReader.class.getClassLoader());
        URL url = loader.getResource(resource);
        if (url == null) {
            throw section.error("location", "nothing at " + location + " on the classpath",
                    "package the migrations under " + resource + "/ or fix the path");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            return jar.getPath("/" + resource);
        } catch (URISyntaxException | IOException | RuntimeException e) {
            throw section.error("location", "cannot read " + location + " (" + url + "): " + e.getMessage(),
                    "use a directory, or a classpath location in a directory or jar");
        }
    }

    private static MigrationSettings defaults(Path location) {
        return new MigrationSettings(location, MigrationSettings.DEFAULT_TABLE, MigrationSettings.DEFAULT_REDIS_KEY,
                MigrationSettings.DEFAULT_OUT_OF_ORDER, MigrationSettings.DEFAULT_LOCK_TIMEOUT,
                MigrationSettings.DEFAULT_LEASE, Optional.empty());
    }

    private static MigrationSettings readCommon(ConfigSection section, MigrationSettings inherited) {
        Duration lease = section.duration("lease", inherited.lease());
        if (lease.compareTo(MigrationSettings.MIN_LEASE) < 0) {
            throw section.error("lease", "must be at least 1s", "example: lease: 30s");
        }
        try {
            return new MigrationSettings(inherited.location(), section.string("table", inherited.table()),
                    section.string("redis-key", inherited.redisKey()),
                    section.bool("out-of-order", inherited.outOfOrder()),
                    section.duration("lock-timeout", inherited.lockTimeout()), lease,
                    section.optionalString("installed-by").or(inherited::installedBy));
        } catch (CairnException e) {
            if (e.getMessage().startsWith(section.source() + ":")) {
                throw e;
            }
            throw section.error(e.getMessage(), "see docs/migrations.md");
        }
    }

    private static Path baseDirectory(CairnConfig config) {
        Path source = Path.of(config.source());
        if (Files.isRegularFile(source)) {
            Path parent = source.toAbsolutePath().getParent();
            return parent == null ? Path.of("").toAbsolutePath() : parent;
        }
        return Path.of("").toAbsolutePath();
    }
}
