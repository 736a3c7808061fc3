package io.cairn.dump.mariadb.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.DumpOptions;
import io.cairn.dump.internal.ChildProcess;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs mariadb-dump (or mysqldump) and streams its SQL straight into the snapshot. The dump is
 * consistent without locking InnoDB tables ({@code --single-transaction}), carries routines,
 * triggers and events, writes binary columns as hex, and leaves out the dump date and orders
 * rows by primary key so that unchanged tables produce identical bytes every day (which is
 * what lets the repository deduplicate them).
 */
final class MariaDbDump {
    private final MariaDbTools tools;

    MariaDbDump(MariaDbTools tools) {
        this.tools = tools;
    }

    DumpFacts run(DumpJob job) {
        MariaDbCatalog catalog = new MariaDbCatalog(job.dataManager(), job.source().id());
        MariaDbCatalog.Server server = catalog.server();
        List<String> tables = catalog.tables();
        for (String table : job.options().tables()) {
            if (!tables.contains(table)) {
                throw new CairnException(ErrorCode.NOT_FOUND, "database '" + job.source().id() + "' has no table '"
                        + table + "' in " + server.database() + " (it has: " + String.join(", ", tables.stream().limit(30).toList()) + ")");
            }
        }
        MariaDbTools.Tool tool = tools.dumpTool(!server.isMariaDb());
        MariaDbConnection connection = new MariaDbConnection(job.source());
        List<String> printable;
        try (OptionFile options = OptionFile.write(job.source(), job.temporaryDirectory())) {
            List<String> command = new ArrayList<>(List.of(tool.path().toString()));
            command.addAll(connection.arguments(options));
            command.addAll(dumpArguments(job.options(), tool, server));
            command.add(server.database());
            command.addAll(job.options().tables());
            printable = MariaDbConnection.printable(command.subList(1, command.size()));
            stream(job, command, server.database() + ".sql");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tables", job.options().tables().isEmpty() ? tables : job.options().tables());
        return new DumpFacts(Optional.of(server.database()), server.version(), tool.version().program(),
                tool.version().version(), printable, details, List.of());
    }

    private static List<String> dumpArguments(DumpOptions options, MariaDbTools.Tool tool, MariaDbCatalog.Server server) {
        List<String> args = new ArrayList<>(List.of("--single-transaction", "--quick", "--hex-blob", "--skip-dump-date",
                "--order-by-primary", "--default-character-set=utf8mb4"));
        if (options.dataOnly()) {
            args.addAll(List.of("--no-create-info", "--skip-triggers"));
        } else {
            args.addAll(List.of("--routines", "--triggers", "--events"));
        }
        if (options.schemaOnly()) {
            args.add("--no-data");
        }
        if (!tool.mariaDb()) {
            // Oracle's mysqldump: no GTID statements in the dump; no column statistics query on MariaDB servers
            args.add("--set-gtid-purged=OFF");
            if (server.isMariaDb()) {
                args.add("--column-statistics=0");
            }
        }
        return args;
    }

    private static void stream(DumpJob job, List<String> command, String entry) {
        try (ChildProcess process = ChildProcess.start(command, MariaDbConnection.environment(), Optional.empty(), false)) {
            try (InputStream out = process.stdout()) {
                job.writer().add(entry, out);
            } catch (IOException e) {
                throw new CairnException(ErrorCode.STORAGE, "reading " + process.name() + "'s output failed: "
                        + e.getMessage(), e);
            }
            int code = process.waitFor();
            if (code != 0) {
                throw new MariaDbFailures(job.source()).failed(process, code, process.name());
            }
        }
    }
}
