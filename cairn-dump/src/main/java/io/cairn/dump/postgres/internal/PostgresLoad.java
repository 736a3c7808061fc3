package io.cairn.dump.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.DumpEntry;
import io.cairn.dump.DumpFormat;
import io.cairn.dump.LoadOptions;
import io.cairn.dump.ToolVersion;
import io.cairn.dump.internal.ChildProcess;
import io.cairn.dump.internal.DumpManifest;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import io.cairn.dump.internal.TemporaryDirectory;
import io.cairn.dump.postgres.PostgresTools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a PostgreSQL dump: plain SQL through psql in one transaction (ON_ERROR_STOP), custom
 * archives through pg_restore reading its stdin (one transaction, exit on the first error);
 * parallel loads and directory dumps need pg_restore to seek, so their files are first copied
 * (and verified) into a private temporary directory. Nothing is written to the database before
 * every file of the dump has been verified.
 */
final class PostgresLoad {
    /** What planning found out, for the load step. */
    record State(ToolVersion tool, ToolVersion psql, boolean createDatabase, String database) {
    }

    private final PostgresTools tools;

    PostgresLoad(PostgresTools tools) {
        this.tools = tools;
    }

    LoadPlan plan(LoadJob job) {
        DumpManifest manifest = job.manifest();
        LoadOptions options = job.options();
        checkOptions(manifest, options, job.target().id());
        String database = job.target().url().database().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                "database '" + job.target().id() + "': url: names no database; add one, e.g. "
                        + "postgresql://host:5432/app"));
        PostgresCatalog catalog = new PostgresCatalog(job.dataManager(), job.target().id());
        ToolVersion psql = tools.require("psql", 0, "loading a dump");
        // with --create, ask the maintenance database first: a pool to a missing database only fails
        Optional<PostgresCatalog.Server> server = options.create() && !exists(job, psql, database)
                ? Optional.empty() : catalog.serverIfDatabaseExists();
        if (server.isEmpty() && !options.create()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "database '" + job.target().id() + "': PostgreSQL database '"
                    + database + "' does not exist (pass --create to create it)");
        }
        server.ifPresent(s -> checkEmpty(catalog, options, job.target().id()));
        int serverMajor = server.map(PostgresCatalog.Server::major).orElse(0);
        ToolVersion tool = manifest.format() == DumpFormat.PLAIN ? psql
                : tools.require("pg_restore", Math.max(dumpMajor(manifest), 0),
                        "dump " + manifest.db() + " was written by pg_dump " + manifest.toolVersion());
        boolean materialize = manifest.format() == DumpFormat.DIRECTORY || options.jobs() > 1;
        List<String> warnings = new ArrayList<>();
        if (serverMajor > 0 && serverMajor < dumpMajor(manifest)) {
            warnings.add("the dump comes from pg_dump " + manifest.toolVersion() + " but the target runs PostgreSQL "
                    + server.get().version() + "; statements newer than the server may fail");
        }
        return new LoadPlan(manifest.entries(), materialize, tool.describe(),
                new State(tool, psql, server.isEmpty(), database), warnings);
    }

    private static int dumpMajor(DumpManifest manifest) {
        String version = manifest.toolVersion();
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void checkOptions(DumpManifest manifest, LoadOptions options, String db) {
        if (manifest.format() != DumpFormat.PLAIN) {
            return;
        }
        String problem = !options.tables().isEmpty() ? "cannot load single tables"
                : options.clean() ? "cannot drop objects first (--clean)"
                : options.jobs() > 1 ? "cannot be loaded in parallel (--jobs)"
                : options.noOwner() ? "cannot skip ownership (--no-owner)" : "";
        if (!problem.isEmpty()) {
            throw new CairnException(ErrorCode.USAGE, "loading into '" + db + "': a plain SQL dump " + problem
                    + "; dump with --format custom or directory for that, or load the whole dump");
        }
    }

    private static void checkEmpty(PostgresCatalog catalog, LoadOptions options, String db) {
        if (options.clean() || options.force()) {
            return;
        }
        List<String> existing = catalog.userRelations();
        if (!options.tables().isEmpty()) {
            existing = existing.stream().filter(r -> options.tables().stream()
                    .anyMatch(t -> r.equals(t) || r.endsWith("." + t))).toList();
        }
        if (!existing.isEmpty()) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "' is not empty: it already has "
                    + existing.size() + " relation(s) (" + String.join(", ", existing.stream().limit(5).toList())
                    + (existing.size() > 5 ? ", …" : "") + "); pass --clean to drop and recreate what the dump "
                    + "holds, or --force to load into it anyway");
        }
    }

    LoadOutcome load(LoadJob job, LoadPlan plan) {
        State state = plan.state(State.class);
        PostgresConnection connection = new PostgresConnection(job.target());
        if (state.createDatabase() && !plan.materialize()) {
            createDatabase(job, state, connection);
        }
        DumpManifest manifest = job.manifest();
        if (manifest.format() == DumpFormat.PLAIN) {
            List<String> command = new ArrayList<>(List.of(state.psql().path().toString(), "-X", "-q",
                    "-v", "ON_ERROR_STOP=1", "--single-transaction", "--file=-"));
            command.addAll(connection.arguments(Optional.of(state.database())));
            streamInto(job, command, connection, manifest.entries().get(0), "psql");
        } else if (plan.materialize()) {
            restoreFromFiles(job, state, connection);
        } else if (job.options().tables().isEmpty()) {
            List<String> command = restoreCommand(job, state, connection, Optional.empty());
            command.add("--single-transaction");
            streamInto(job, command, connection, manifest.entries().get(0), "pg_restore");
        } else {
            streamTables(job, state, connection);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("files", (long) plan.entries().size());
        return new LoadOutcome(counts, List.of());
    }

    private List<String> restoreCommand(LoadJob job, State state, PostgresConnection connection,
            Optional<Path> list) {
        LoadOptions options = job.options();
        List<String> command = new ArrayList<>(List.of(state.tool().path().toString(), "--exit-on-error"));
        command.addAll(connection.arguments(Optional.of(state.database())));
        if (options.clean()) {
            command.addAll(List.of("--clean", "--if-exists"));
        }
        if (options.noOwner()) {
            command.addAll(List.of("--no-owner", "--no-privileges"));
        }
        if (job.manifest().dataOnly()) {
            // rows go into tables whose triggers already exist: loading must not fire them again
            command.add("--disable-triggers");
        }
        list.ifPresent(file -> command.add("--use-list=" + file));
        return command;
    }

    /** Feeds one verified file into the tool's stdin; the tool's own error wins over a broken pipe. */
    private static void streamInto(LoadJob job, List<String> command, PostgresConnection connection, DumpEntry entry,
            String doing) {
        PostgresFailures failures = new PostgresFailures(job.target());
        try (ChildProcess process = ChildProcess.start(command, connection.environment(), Optional.empty(), true)) {
            try (OutputStream stdin = process.stdin()) {
                job.reader().copyTo(entry, stdin);
            } catch (CairnException | IOException e) {
                int code = process.waitFor();
                if (code != 0) {
                    throw failures.failed(process, code, doing);
                }
                if (!isBrokenPipe(e)) {
                    throw e instanceof CairnException cairn ? cairn : new CairnException(ErrorCode.STORAGE,
                            doing + " input failed: " + e.getMessage(), e);
                }
                // pg_restore with a list stops reading once it has restored every listed entry
                return;
            }
            int code = process.waitFor();
            if (code != 0) {
                throw failures.failed(process, code, doing);
            }
        }
    }

    private static boolean isBrokenPipe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && String.valueOf(t.getMessage()).contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private void restoreFromFiles(LoadJob job, State state, PostgresConnection connection) {
        DumpManifest manifest = job.manifest();
        try (TemporaryDirectory temporary = TemporaryDirectory.create(job.temporaryDirectory(), "cairn-pg_restore-")) {
            Path archive = temporary.path().resolve("archive");
            for (DumpEntry entry : manifest.entries()) {
                Path target = manifest.format() == DumpFormat.DIRECTORY
                        ? archive.resolve(entry.name().substring(entry.name().lastIndexOf('/') + 1)) : archive;
                job.reader().materialize(entry, target);
            }
            if (state.createDatabase()) {
                // only now: every file is verified, so this is the load's first write
                createDatabase(job, state, connection);
            }
            Optional<Path> list = Optional.empty();
            if (!job.options().tables().isEmpty()) {
                list = Optional.of(tableList(job, state, connection, archive, temporary.path()));
            }
            List<String> command = restoreCommand(job, state, connection, list);
            command.add("--jobs=" + job.options().jobs());
            if (job.options().jobs() == 1) {
                command.add("--single-transaction");
            }
            command.add(archive.toString());
            run(command, connection, new PostgresFailures(job.target()), "pg_restore");
        }
    }

    /**
     * Some tables of a custom archive, streamed twice: once for its table of contents (pg_restore
     * stops reading after it), once for the restore; only the two small list files touch the disk.
     */
    private void streamTables(LoadJob job, State state, PostgresConnection connection) {
        DumpEntry archive = job.manifest().entries().get(0);
        try (TemporaryDirectory temporary = TemporaryDirectory.create(job.temporaryDirectory(), "cairn-pg_restore-")) {
            Path listing = temporary.path().resolve("toc.list");
            List<String> command = List.of(state.tool().path().toString(), "--list", "--file=" + listing);
            try (ChildProcess process = ChildProcess.start(command, connection.environment(), Optional.empty(), true)) {
                try (OutputStream stdin = process.stdin()) {
                    job.reader().copyTo(archive, stdin);
                } catch (CairnException | IOException e) {
                    // expected: pg_restore --list closes its input once it has read the table of contents
                }
                int code = process.waitFor();
                if (code != 0) {
                    throw new PostgresFailures(job.target()).failed(process, code, "pg_restore --list");
                }
            }
            List<String> restore = restoreCommand(job, state, connection,
                    Optional.of(selectTables(job, listing, temporary.path())));
            restore.add("--single-transaction");
            streamInto(job, restore, connection, archive, "pg_restore");
        }
    }

    /** {@code pg_restore -l}, narrowed to the requested tables, written where {@code --use-list} reads it. */
    private Path tableList(LoadJob job, State state, PostgresConnection connection, Path archive, Path directory) {
        Path listing = directory.resolve("toc.list");
        run(List.of(state.tool().path().toString(), "--list", "--file=" + listing, archive.toString()), connection,
                new PostgresFailures(job.target()), "pg_restore --list");
        return selectTables(job, listing, directory);
    }

    private static Path selectTables(LoadJob job, Path listing, Path directory) {
        try {
            TocList toc = TocList.parse(Files.readString(listing));
            @SuppressWarnings("unchecked")
            Map<String, String> owners = (Map<String, String>) job.manifest().detail("owners").orElse(Map.of());
            Path selected = directory.resolve("selected.list");
            Files.writeString(selected, toc.select(job.options().tables(), owners, job.reader().manifest().db()));
            return selected;
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "reading pg_restore's table of contents failed: " + e.getMessage(), e);
        }
    }

    /** Whether the target database exists, asked of the {@code postgres} maintenance database through psql. */
    private static boolean exists(LoadJob job, ToolVersion psql, String database) {
        PostgresConnection connection = new PostgresConnection(job.target());
        List<String> command = new ArrayList<>(List.of(psql.path().toString(), "-X", "-q", "-t", "-A",
                "--command=SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'"));
        command.addAll(connection.arguments(Optional.of("postgres")));
        try (ChildProcess process = ChildProcess.start(command, connection.environment(), Optional.empty(), false)) {
            String output = process.readOutput();
            int code = process.waitFor();
            if (code != 0) {
                throw new PostgresFailures(job.target()).failed(process, code, "checking whether " + database + " exists");
            }
            return output.strip().equals("1");
        }
    }

    private void createDatabase(LoadJob job, State state, PostgresConnection connection) {
        List<String> command = new ArrayList<>(List.of(state.psql().path().toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "--command=CREATE DATABASE " + PostgresNames.quoteIdentifier(state.database())));
        command.addAll(connection.arguments(Optional.of("postgres")));
        run(command, connection, new PostgresFailures(job.target()), "creating database " + state.database());
    }

    private static void run(List<String> command, PostgresConnection connection, PostgresFailures failures, String doing) {
        try (ChildProcess process = ChildProcess.start(command, connection.environment(), Optional.empty(), true)) {
            int code = process.waitFor();
            if (code != 0) {
                throw failures.failed(process, code, doing);
            }
        }
    }
}
