package io.cairn.cli.dump;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cairn.cli.Bytes;
import io.cairn.cli.Durations;
import io.cairn.dump.LoadOptions;
import io.cairn.dump.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn load DUMP --db X}: verifies a dump's checksums, then loads it into a configured
 * database. Refuses a target that holds data unless --clean or --force.
 */
@Command(name = "load", description = "Verify a dump, then load it into a database (refuses a non-empty target "
        + "unless --clean or --force).")
public final class LoadCommand extends DumpFamilyCommand<LoadResult> {
    @Parameters(index = "0", paramLabel = "DUMP",
            description = "Dump id or prefix (see 'cairn dumps'), 'latest' (newest dump of --db) or 'latest:ID'.")
    String dump;
    @Option(names = {"-d", "--db"}, required = true, paramLabel = "ID", description = "The database to load into.")
    String db;
    @Option(names = {"-t", "--table"}, paramLabel = "TABLE",
            description = "Only this table, MongoDB collection or Redis key pattern (repeatable).")
    List<String> tables = new ArrayList<>();
    @Option(names = "--clean", description = "Drop what the dump holds first (Redis: FLUSHDB of the target database).")
    boolean clean;
    @Option(names = "--create", description = "Create the target database first if it does not exist.")
    boolean create;
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "1",
            description = "Parallel pg_restore workers (PostgreSQL custom or directory dumps).")
    int jobs;
    @Option(names = "--force", description = "Load into a non-empty target without dropping anything.")
    boolean force;
    @Option(names = "--no-owner", description = "Do not restore object owners and grants (PostgreSQL).")
    boolean noOwner;

    @Override
    protected Optional<String> database() {
        return Optional.of(db);
    }

    @Override
    protected LoadResult run(Cairn cairn, ProgressListener progress) {
        LoadOptions options = new LoadOptions(tables, clean, create, jobs, force, noOwner);
        return cairn.dumps().load(dump, db, options, progress);
    }

    @Override
    protected void print(PrintWriter out, LoadResult result) {
        out.printf("dump %s of '%s' loaded into '%s' with %s%n", result.shortId(), result.sourceDb(), result.db(),
                result.tool());
        out.printf("  %s verified against SHA-256 %s before writing%n", Bytes.human(result.bytesVerified()),
                result.checksum());
        StringBuilder counts = new StringBuilder();
        result.counts().forEach((name, count) -> counts.append(counts.length() == 0 ? "" : ", ").append(count)
                .append(' ').append(count == 1 && name.endsWith("s") ? name.substring(0, name.length() - 1) : name));
        out.printf("  %s%s in %s%n", counts, result.tables().isEmpty() ? "" : " (only " + String.join(", ", result.tables())
                + ")", Durations.human(result.duration()));
        result.warnings().forEach(warning -> out.println("  warning: " + warning));
    }
}
