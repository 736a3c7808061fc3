package io.cairn.dump.mariadb.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseType;
import io.cairn.dump.DumpEntry;
import io.cairn.dump.LoadOptions;
import io.cairn.dump.internal.ChildProcess;
import io.cairn.dump.internal.DumpManifest;
import io.cairn.dump.internal.LoadJob;
import io.cairn.dump.internal.LoadOutcome;
import io.cairn.dump.internal.LoadPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a MariaDB/MySQL dump through the {@code mariadb} (or {@code mysql}) client, streaming
 * the verified SQL into its stdin; with tables given, a {@link SqlSectionFilter} passes on only
 * their sections. The client stops at the first error, but SQL dumps are not transactional:
 * what ran before the error stays (the dump's own DROP TABLE IF EXISTS makes a rerun safe).
 */
final class MariaDbLoad {
    record State(MariaDbTools.Tool client, boolean createDatabase, String database) {
    }

    private final MariaDbTools tools;

    MariaDbLoad(MariaDbTools tools) {
        this.tools = tools;
    }

    LoadPlan plan(LoadJob job) {
        LoadOptions options = job.options();
        String id = job.target().id();
        if (options.jobs() > 1 || options.noOwner()) {
            throw new CairnException(ErrorCode.USAGE, "loading into '" + id + "': --jobs and --no-owner apply to "
                    + "PostgreSQL dumps only");
        }
        String database = job.target().url().database().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                "database '" + id + "': url: names no database; add one, e.g. mariadb://app@host:3306/app"));
        checkTablesInDump(job.manifest(), options, job.reader().manifest().db());
        MariaDbCatalog catalog = new MariaDbCatalog(job.dataManager(), id);
        MariaDbTools.Tool client = tools.client(job.target().type() == DatabaseType.MYSQL);
        // asked through the client first: a pool to a missing database only fails (after retries)
        Optional<MariaDbCatalog.Server> server = exists(job, client, database)
                ? Optional.of(catalog.server()) : Optional.empty();
        if (server.isEmpty() && !options.create()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "database '" + id + "': database '" + database
                    + "' does not exist on the server (pass --create to create it)");
        }
        if (server.isPresent() && !options.clean() && !options.force()) {
            List<String> existing = catalog.tables().stream()
                    .filter(t -> options.tables().isEmpty() || options.tables().contains(t)).toList();
            if (!existing.isEmpty()) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + id + "' is not empty: it already has "
                        + existing.size() + " table(s) (" + String.join(", ", existing.stream().limit(5).toList())
                        + (existing.size() > 5 ? ", …" : "") + "); pass --clean or --force to load into it (the dump "
                        + "drops and recreates the tables it holds; other tables stay)");
            }
        }
        return new LoadPlan(job.manifest().entries(), false, client.version().describe(),
                new State(client, server.isEmpty(), database), List.of());
    }

    /** Whether the target database exists on the server, asked through the client without naming it. */
    private static boolean exists(LoadJob job, MariaDbTools.Tool client, String database) {
        MariaDbConnection connection = new MariaDbConnection(job.target());
        try (OptionFile options = OptionFile.write(job.target(), job.temporaryDirectory())) {
            List<String> command = new ArrayList<>(List.of(client.path().toString()));
            command.addAll(connection.clientArguments(options));
            command.addAll(List.of("--batch", "--skip-column-names", "--execute=SELECT COUNT(*) FROM "
                    + "information_schema.schemata WHERE schema_name = '" + database.replace("\\", "\\\\").replace("'", "''") + "'"));
            try (ChildProcess process = ChildProcess.start(command, MariaDbConnection.environment(), Optional.empty(), false)) {
                String output = process.readOutput();
                int code = process.waitFor();
                if (code != 0) {
                    throw new MariaDbFailures(job.target()).failed(process, code, "checking whether " + database + " exists");
                }
                return output.strip().equals("1");
            }
        }
    }

    private static void checkTablesInDump(DumpManifest manifest, LoadOptions options, String source) {
        @SuppressWarnings("unchecked")
        List<String> dumped = (List<String>) manifest.detail("tables").orElse(List.of());
        for (String table : options.tables()) {
            if (!dumped.contains(table)) {
                throw new CairnException(ErrorCode.NOT_FOUND, "the dump of '" + source + "' has no table '" + table
                        + "' (it has: " + String.join(", ", dumped.stream().limit(30).toList()) + ")");
            }
        }
    }

    LoadOutcome load(LoadJob job, LoadPlan plan) {
        State state = plan.state(State.class);
        MariaDbConnection connection = new MariaDbConnection(job.target());
        MariaDbFailures failures = new MariaDbFailures(job.target());
        try (OptionFile options = OptionFile.write(job.target(), job.temporaryDirectory())) {
            if (state.createDatabase()) {
                List<String> command = new ArrayList<>(List.of(state.client().path().toString()));
                command.addAll(connection.clientArguments(options));
                command.add("--execute=CREATE DATABASE IF NOT EXISTS `" + state.database().replace("`", "``") + "`");
                run(command, failures, "creating database " + state.database());
            }
            List<String> command = new ArrayList<>(List.of(state.client().path().toString()));
            command.addAll(connection.clientArguments(options));
            command.addAll(List.of("--batch", "--binary-mode", "--default-character-set=utf8mb4", state.database()));
            feed(job, command, failures, plan.entries().get(0));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("files", 1L);
        return new LoadOutcome(counts, List.of());
    }

    private static void feed(LoadJob job, List<String> command, MariaDbFailures failures, DumpEntry entry) {
        try (ChildProcess process = ChildProcess.start(command, MariaDbConnection.environment(), Optional.empty(), true)) {
            try (OutputStream stdin = process.stdin()) {
                OutputStream target = job.options().tables().isEmpty() ? stdin
                        : new SqlSectionFilter(stdin, new HashSet<>(job.options().tables()));
                job.reader().copyTo(entry, target);
                target.close();
            } catch (CairnException | IOException e) {
                int code = process.waitFor();
                if (code != 0) {
                    throw failures.failed(process, code, process.name());
                }
                throw e instanceof CairnException cairn ? cairn
                        : new CairnException(ErrorCode.STORAGE, process.name() + " input failed: " + e.getMessage(), e);
            }
            int code = process.waitFor();
            if (code != 0) {
                throw failures.failed(process, code, process.name());
            }
        }
    }

    private static void run(List<String> command, MariaDbFailures failures, String doing) {
        try (ChildProcess process = ChildProcess.start(command, MariaDbConnection.environment(), Optional.empty(), true)) {
            int code = process.waitFor();
            if (code != 0) {
                throw failures.failed(process, code, doing);
            }
        }
    }
}
