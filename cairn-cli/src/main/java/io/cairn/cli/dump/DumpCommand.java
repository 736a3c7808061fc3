package io.cairn.cli.dump;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.dump.DumpFormat;
import io.cairn.dump.DumpOptions;
import io.cairn.dump.DumpResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn dump --db X}: a logical dump of one configured database (PostgreSQL via pg_dump,
 * MariaDB/MySQL via mariadb-dump, Redis as an RDB snapshot, MongoDB as BSON) into the repository.
 */
@Command(name = "dump", description = "Dump one database (pg_dump, mariadb-dump, Redis RDB, MongoDB BSON) into the repository.")
public final class DumpCommand extends DumpFamilyCommand<DumpResult> {
    @Option(names = {"-d", "--db"}, required = true, paramLabel = "ID", description = "The database id in the config file.")
    String db;
    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT",
            description = "PostgreSQL: custom (default), plain or directory. Others have one format.")
    String format;
    @ArgGroup(exclusive = true)
    Content content;
    @Option(names = {"-t", "--table"}, paramLabel = "TABLE",
            description = "Only this table (schema.table allowed) or MongoDB collection (repeatable).")
    List<String> tables = new ArrayList<>();
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Parallel pg_dump workers (with --format directory).")
    int jobs;
    @Option(names = "--tag", paramLabel = "TAG", description = "Extra tag for the dump's snapshot (repeatable).")
    List<String> tags = new ArrayList<>();

    /** --schema-only and --data-only exclude each other. */
    static final class Content {
        @Option(names = "--schema-only", description = "Only definitions, no rows (SQL databases).")
        boolean schemaOnly;
        @Option(names = "--data-only", description = "Only rows, no definitions (SQL databases).")
        boolean dataOnly;
    }

    @Override
    protected Optional<String> database() {
        return Optional.of(db);
    }

    @Override
    protected String interruptedMessage() {
        return "interrupted; nothing was saved (the next dump reuses what was written)";
    }

    @Override
    protected DumpResult run(Cairn cairn, ProgressListener progress) {
        DumpOptions options = new DumpOptions(Optional.ofNullable(format).map(DumpFormat::parse),
                content != null && content.schemaOnly, content != null && content.dataOnly, tables, jobs, tags);
        return cairn.dumps().dump(db, options, progress);
    }

    @Override
    protected void print(PrintWriter out, DumpResult result) {
        out.printf("dump %s of '%s' saved (%s %s, %s, %s)%n", result.shortId(), result.db(), result.type(),
                result.serverVersion(), result.tool(), result.format());
        out.printf("  %s in %d file(s), SHA-256 %s%n", Bytes.human(result.bytes()), result.files(), result.checksum());
        double saved = result.bytes() == 0 ? 0 : 100.0 * (1 - (double) result.dataAddedStored() / result.bytes());
        out.printf("  added %s to the repository (%.1f%% saved by deduplication and compression) in %s%n",
                Bytes.human(result.dataAddedStored()), Math.max(0, saved), Durations.human(result.duration()));
        result.warnings().forEach(warning -> out.println("  warning: " + warning));
    }
}
