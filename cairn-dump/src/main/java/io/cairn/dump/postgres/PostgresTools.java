package io.cairn.dump.postgres;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.ToolVersion;
import io.cairn.dump.internal.ToolProbe;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds PostgreSQL client programs (pg_dump, pg_restore, psql) and picks the newest one that is
 * at least as new as a required major version: pg_dump refuses servers newer than itself, and
 * pg_restore cannot read archives of a newer pg_dump. Searched, in order: the directory in
 * {@code $CAIRN_POSTGRES_BIN}, {@code /usr/lib/postgresql/<major>/bin} (Debian, Ubuntu),
 * {@code /usr/pgsql-<major>/bin} (RHEL), {@code /usr/local/pgsql/bin}, then the PATH.
 */
public final class PostgresTools {
    public static final String BIN_VARIABLE = "CAIRN_POSTGRES_BIN";

    private final List<Path> directories;
    private final Map<Path, Optional<ToolVersion>> probed = new ConcurrentHashMap<>();

    PostgresTools(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Only the programs in {@code binDirectory} (e.g. {@code /usr/lib/postgresql/15/bin}). */
    public static PostgresTools in(Path binDirectory) {
        return new PostgresTools(List.of(binDirectory));
    }

    /** The standard search path (see the class comment). */
    public static PostgresTools system() {
        Set<Path> directories = new LinkedHashSet<>();
        Optional.ofNullable(System.getenv(BIN_VARIABLE)).filter(v -> !v.isBlank()).map(Path::of).ifPresent(directories::add);
        directories.addAll(versioned(Path.of("/usr/lib/postgresql"), ""));
        directories.addAll(versioned(Path.of("/usr"), "pgsql-"));
        directories.add(Path.of("/usr/local/pgsql/bin"));
        for (String entry : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        return new PostgresTools(new ArrayList<>(directories));
    }

    private static List<Path> versioned(Path parent, String prefix) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(p -> p.getFileName().toString().matches(prefix.replace("-", "\\-") + "\\d+(\\.\\d+)?"))
                    .map(p -> p.resolve("bin")).filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every installed copy of {@code program} with its version, newest first. */
    public List<ToolVersion> installed(String program) {
        List<ToolVersion> found = new ArrayList<>();
        for (Path directory : directories) {
            Path candidate = directory.resolve(program);
            if (Files.isExecutable(candidate) && !isDebianWrapper(candidate)) {
                probed.computeIfAbsent(candidate, p -> ToolProbe.probe(p, "(PostgreSQL)")).ifPresent(found::add);
            }
        }
        found.sort(Comparator.reverseOrder());
        return found;
    }

    /**
     * The newest {@code program} whose major version is at least {@code minimumMajor}, else
     * MISSING_DEPENDENCY naming the package to install.
     *
     * @param why what needs that version, e.g. "database 'main' runs PostgreSQL 17.2"
     */
    public ToolVersion require(String program, int minimumMajor, String why) {
        List<ToolVersion> all = installed(program);
        if (!all.isEmpty() && all.get(0).major() >= minimumMajor) {
            return all.get(0);
        }
        String install = "install the PostgreSQL " + minimumMajor + " client (e.g. apt-get install postgresql-client-"
                + minimumMajor + ", or dnf install postgresql" + minimumMajor + ") or point $" + BIN_VARIABLE
                + " at its bin directory";
        if (all.isEmpty()) {
            throw new CairnException(ErrorCode.MISSING_DEPENDENCY, why + ", but no " + program
                    + " was found (searched " + BIN_VARIABLE + ", /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, PATH); "
                    + install);
        }
        throw new CairnException(ErrorCode.MISSING_DEPENDENCY, why + ", but the newest " + program + " found is "
                + all.get(0).version() + " (" + all.get(0).path() + ") and " + program
                + " must be at least as new; " + install);
    }

    /** Debian's /usr/bin/pg_dump is a wrapper choosing a version by cluster; the versioned binaries are used instead. */
    private static boolean isDebianWrapper(Path candidate) {
        try {
            Path real = candidate.toRealPath();
            return real.getFileName().toString().equals("pg_wrapper");
        } catch (IOException e) {
            return false;
        }
    }
}
