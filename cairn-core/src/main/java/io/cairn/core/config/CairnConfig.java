package io.cairn.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole Cairn configuration: the databases, validated at load, plus the raw sections that
 * other modules own (repository, agent, schedules, ...) which those modules read and validate
 * through {@link #section(String)}. Immutable.
 */
public final class CairnConfig {
    /** Every top-level key Cairn accepts; any other is an error at load. */
    public static final Set<String> TOP_LEVEL_KEYS = Keys.of("databases", "repository", "agent", "schedules",
            "retention", "wal", "alerts", "migrations", "transactions", "cache", "events");

    private final String source;
    private final ConfigSection root;
    private final Map<String, DatabaseConfig> databases;

    private CairnConfig(String source, ConfigSection root, Map<String, DatabaseConfig> databases) {
        this.source = source;
        this.root = root;
        this.databases = Collections.unmodifiableMap(new LinkedHashMap<>(databases));
    }

    /** Reads a YAML file, resolving references from the process environment. */
    public static CairnConfig load(Path file) {
        return load(file, Environment.system());
    }

    public static CairnConfig load(Path file, Environment environment) {
        String source = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CairnException(ErrorCode.CONFIG, source
                    + ": configuration file not found (create it, or point to another file with --config)", e);
        } catch (AccessDeniedException e) {
            throw new CairnException(ErrorCode.CONFIG, source
                    + ": cannot read the configuration file: permission denied (make it readable by this user)", e);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.CONFIG, source + ": cannot read the configuration file: "
                    + e.getClass().getSimpleName() + " (check that it is a readable file)", e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(yaml, source, environment, base == null ? Path.of("") : base);
    }

    /**
     * Parses YAML text; {@code sourceName} is used in error messages. Relative
     * {@code ${file:...}} paths resolve against the working directory.
     */
    public static CairnConfig parse(String yaml, String sourceName, Environment environment) {
        return parse(yaml, sourceName, environment, Path.of("").toAbsolutePath());
    }

    static CairnConfig parse(String yaml, String sourceName, Environment environment, Path baseDirectory) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        JsonNode tree = YamlDocument.read(yaml, sourceName);
        ConfigSection root = new ConfigSection(tree, sourceName, "", new References(environment, baseDirectory));
        root.requireOnlyKeys(TOP_LEVEL_KEYS);
        return new CairnConfig(sourceName, root, readDatabases(root));
    }

    /** A configuration built in code, e.g. for an embedded server. */
    public static CairnConfig of(Collection<DatabaseConfig> databases) {
        Map<String, DatabaseConfig> byId = new LinkedHashMap<>();
        for (DatabaseConfig database : databases) {
            if (byId.put(database.id(), database) != null) {
                throw new CairnException(ErrorCode.CONFIG, "database '" + database.id() + "' is defined twice");
            }
        }
        ConfigSection empty = new ConfigSection(null, "(in code)", "", new References(Environment.system(), Path.of("")));
        return new CairnConfig("(in code)", empty, byId);
    }

    private static Map<String, DatabaseConfig> readDatabases(ConfigSection root) {
        Map<String, DatabaseConfig> databases = new LinkedHashMap<>();
        Optional<ConfigSection> section = root.section("databases");
        if (section.isEmpty()) {
            return databases;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = section.get().entries();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String id = entry.getKey();
            if (!entry.getValue().isObject()) {
                throw section.get().error(id, "expected a mapping with type: and url:, got "
                        + (entry.getValue().isTextual() ? "a text value" : ConfigSection.describe(entry.getValue())),
                        "example: " + id + ": { type: postgresql, url: \"" + DatabaseType.POSTGRESQL.exampleUrl() + "\" }");
            }
            databases.put(id, DatabaseConfig.from(id, section.get().section(id).orElseThrow()));
        }
        return databases;
    }

    /** Where this configuration came from, as given (file path or source name). */
    public String source() {
        return source;
    }

    /** The databases in file order, by id. */
    public Map<String, DatabaseConfig> databases() {
        return databases;
    }

    /** The database with this id, or CairnException NOT_FOUND naming the ids that exist. */
    public DatabaseConfig database(String id) {
        DatabaseConfig database = databases.get(id);
        if (database == null) {
            String known = databases.isEmpty() ? "none are configured" : "configured: " + String.join(", ", databases.keySet());
            String hint = Suggestions.closest(id, databases.keySet()).map(s -> "did you mean '" + s + "'? ").orElse("");
            throw new CairnException(ErrorCode.NOT_FOUND, "database '" + id + "' is not defined in " + source
                    + " (" + hint + known + ")");
        }
        return database;
    }

    /**
     * A top-level section for the module that owns it (e.g. {@code repository}); empty when the
     * file does not have it. The owner validates its keys with {@link ConfigSection#requireOnlyKeys}.
     */
    public Optional<ConfigSection> section(String name) {
        if (!TOP_LEVEL_KEYS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a top-level configuration key; known: " + TOP_LEVEL_KEYS);
        }
        return root.section(name);
    }

    /** A top-level section written as a list of mappings (e.g. {@code schedules: [ {...}, {...} ]}). */
    public java.util.List<ConfigSection> sectionList(String name) {
        if (!TOP_LEVEL_KEYS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a top-level configuration key; known: " + TOP_LEVEL_KEYS);
        }
        return root.sectionList(name);
    }

    @Override
    public String toString() {
        return "CairnConfig[source=" + source + ", databases=" + databases.values() + ", sections=" + root.keys() + "]";
    }
}
