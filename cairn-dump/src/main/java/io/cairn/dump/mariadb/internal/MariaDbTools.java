package io.cairn.dump.mariadb.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.ToolVersion;
import io.cairn.dump.internal.ToolProbe;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the MariaDB/MySQL client programs: {@code mariadb-dump} or {@code mysqldump}, and
 * {@code mariadb} or {@code mysql}, in {@code $CAIRN_MARIADB_BIN}, the PATH, /usr/bin,
 * /usr/local/bin and /usr/local/mysql/bin. MariaDB's names are preferred for MariaDB servers,
 * MySQL's for MySQL servers; either works with either as a fallback.
 */
public final class MariaDbTools {
    public static final String BIN_VARIABLE = "CAIRN_MARIADB_BIN";

    /** A found program, and whether it is MariaDB's build (else Oracle MySQL's). */
    record Tool(ToolVersion version, boolean mariaDb) {
        Path path() {
            return version.path();
        }
    }

    private final List<Path> directories;
    private final Map<Path, Optional<Tool>> probed = new ConcurrentHashMap<>();

    MariaDbTools(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    public static MariaDbTools system() {
        Set<Path> directories = new LinkedHashSet<>();
        Optional.ofNullable(System.getenv(BIN_VARIABLE)).filter(v -> !v.isBlank()).map(Path::of).ifPresent(directories::add);
        for (String entry : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        directories.addAll(List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"), Path.of("/usr/local/mysql/bin")));
        return new MariaDbTools(new ArrayList<>(directories));
    }

    /** The dump program: mariadb-dump then mysqldump for MariaDB, the other way round for MySQL. */
    Tool dumpTool(boolean mysqlServer) {
        return first(mysqlServer ? List.of("mysqldump", "mariadb-dump") : List.of("mariadb-dump", "mysqldump"));
    }

    /** The command-line client that loads SQL. */
    Tool client(boolean mysqlServer) {
        return first(mysqlServer ? List.of("mysql", "mariadb") : List.of("mariadb", "mysql"));
    }

    private Tool first(List<String> programs) {
        for (String program : programs) {
            for (Path directory : directories) {
                Path candidate = directory.resolve(program);
                if (Files.isExecutable(candidate)) {
                    Optional<Tool> tool = probed.computeIfAbsent(candidate, MariaDbTools::probe);
                    if (tool.isPresent()) {
                        return tool.get();
                    }
                }
            }
        }
        throw new CairnException(ErrorCode.MISSING_DEPENDENCY, "none of " + String.join(", ", programs)
                + " was found (searched $" + BIN_VARIABLE + ", PATH, /usr/bin, /usr/local/bin); install the client "
                + "(e.g. apt-get install mariadb-client, or mysql-client for MySQL) or point $" + BIN_VARIABLE
                + " at its bin directory");
    }

    /** {@code mariadb-dump  Ver 10.19 Distrib 10.11.6-MariaDB, …} or {@code mysqldump  Ver 8.0.36 for Linux …}. */
    private static Optional<Tool> probe(Path path) {
        Optional<ToolVersion> distribution = ToolProbe.probe(path, "Distrib ");
        if (distribution.isPresent()) {
            return Optional.of(new Tool(distribution.get(), isMariaDbBuild(path)));
        }
        return ToolProbe.probe(path, "Ver ").map(version -> new Tool(version, isMariaDbBuild(path)));
    }

    private static boolean isMariaDbBuild(Path path) {
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            process.waitFor();
            return output.contains("MariaDB");
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
