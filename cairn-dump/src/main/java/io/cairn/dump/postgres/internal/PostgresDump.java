package io.cairn.dump.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.DumpFormat;
import io.cairn.dump.DumpOptions;
import io.cairn.dump.ToolVersion;
import io.cairn.dump.internal.ChildProcess;
import io.cairn.dump.internal.DumpFacts;
import io.cairn.dump.internal.DumpJob;
import io.cairn.dump.internal.TemporaryDirectory;
import io.cairn.dump.postgres.PostgresTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs pg_dump. Plain and custom dumps stream from pg_dump's stdout straight into the snapshot:
 * no copy of the dump touches the local disk. The directory format can only be written to a
 * directory, so it goes to a private temporary directory (mode 0700) from which each file is
 * streamed into the snapshot and deleted at once; the directory is removed in every case.
 * pg_dump's own compression is off (-Z0): compressed output would defeat deduplication across
 * days, and the repository compresses every chunk with zstd anyway.
 */
final class PostgresDump {
    private final PostgresTools tools;

    PostgresDump(PostgresTools tools) {
        this.tools = tools;
    }

    DumpFacts run(DumpJob job) {
        PostgresCatalog catalog = new PostgresCatalog(job.dataManager(), job.source().id());
        PostgresCatalog.Server server = catalog.server();
        ToolVersion pgDump = tools.require("pg_dump", server.major(), "database '" + job.source().id()
                + "' runs PostgreSQL " + server.version());
        PostgresConnection connection = new PostgresConnection(job.source());
        List<String> arguments = arguments(job.options(), job.format(), connection, server.database());
        List<String> warnings = new ArrayList<>();
        String base = PostgresNames.fileBase(server.database());
        if (job.format() == DumpFormat.DIRECTORY) {
            directory(job, pgDump, arguments, connection, base);
        } else {
            streamed(job, pgDump, arguments, connection, base + (job.format() == DumpFormat.PLAIN ? ".sql" : ".pgdump"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("serverVersionNum", server.versionNumber());
        details.put("compression", "none (the repository compresses)");
        details.put("owners", catalog.dependents());
        return new DumpFacts(Optional.of(server.database()), server.version(), "pg_dump", pgDump.version(),
                arguments, details, warnings);
    }

    private static List<String> arguments(DumpOptions options, DumpFormat format, PostgresConnection connection,
            String database) {
        List<String> args = new ArrayList<>(connection.arguments(Optional.of(database)));
        args.add(switch (format) {
            case PLAIN -> "--format=plain";
            case CUSTOM -> "--format=custom";
            case DIRECTORY -> "--format=directory";
            default -> throw new IllegalArgumentException(format.label());
        });
        if (format != DumpFormat.PLAIN) {
            args.add("--compress=0");
        }
        if (options.schemaOnly()) {
            args.add("--schema-only");
        }
        if (options.dataOnly()) {
            args.add("--data-only");
            if (format == DumpFormat.PLAIN) {
                // rows go into tables whose triggers already exist: loading must not fire them again
                args.add("--disable-triggers");
            }
        }
        options.tables().forEach(table -> args.add("--table=" + table));
        if (format == DumpFormat.DIRECTORY) {
            args.add("--jobs=" + options.jobs());
            args.add("--no-sync");
        }
        return args;
    }

    private static void streamed(DumpJob job, ToolVersion pgDump, List<String> arguments, PostgresConnection connection,
            String entry) {
        PostgresFailures failures = new PostgresFailures(job.source());
        List<String> command = new ArrayList<>(List.of(pgDump.path().toString()));
        command.addAll(arguments);
        try (ChildProcess process = ChildProcess.start(command, connection.environment(), Optional.empty(), false)) {
            try (InputStream out = process.stdout()) {
                job.writer().add(entry, out);
            } catch (IOException e) {
                throw new CairnException(ErrorCode.STORAGE, "reading pg_dump's output failed: " + e.getMessage(), e);
            }
            int code = process.waitFor();
            if (code != 0) {
                throw failures.failed(process, code, "pg_dump");
            }
        }
    }

    private static void directory(DumpJob job, ToolVersion pgDump, List<String> arguments,
            PostgresConnection connection, String base) {
        try (TemporaryDirectory temporary = TemporaryDirectory.create(job.temporaryDirectory(), "cairn-pg_dump-")) {
            Path output = temporary.path().resolve(base);
            List<String> command = new ArrayList<>(List.of(pgDump.path().toString(), "--file=" + output));
            command.addAll(arguments);
            try (ChildProcess process = ChildProcess.start(command, connection.environment(), Optional.empty(), true)) {
                int code = process.waitFor();
                if (code != 0) {
                    throw new PostgresFailures(job.source()).failed(process, code, "pg_dump");
                }
            }
            for (Path file : filesInOrder(output)) {
                try (InputStream in = Files.newInputStream(file)) {
                    job.writer().add(base + "/" + file.getFileName(), in);
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "database '" + job.source().id()
                    + "': reading the directory dump in " + job.temporaryDirectory() + " failed: " + e.getMessage(), e);
        }
    }

    /** toc.dat first (a load reads it first), then the data files by name. */
    private static List<Path> filesInOrder(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted((a, b) -> {
                boolean tocA = a.getFileName().toString().equals("toc.dat");
                boolean tocB = b.getFileName().toString().equals("toc.dat");
                return tocA != tocB ? (tocA ? -1 : 1) : a.getFileName().toString().compareTo(b.getFileName().toString());
            }).toList();
        }
    }
}
