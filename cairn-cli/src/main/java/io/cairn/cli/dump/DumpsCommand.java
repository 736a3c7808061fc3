package io.cairn.cli.dump;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.cairn.cli.Bytes;
import io.cairn.cli.Table;
import io.cairn.dump.DumpInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn dumps [--db X]}: the dumps in the repository, oldest first, with sizes and dedup savings. */
@Command(name = "dumps", description = "List the dumps in the repository with their sizes and deduplication savings.")
public final class DumpsCommand extends DumpFamilyCommand<List<DumpInfo>> {
    @Option(names = {"-d", "--db"}, paramLabel = "ID", description = "Only dumps of this database.")
    String db;

    @Override
    protected Optional<String> database() {
        return Optional.empty();
    }

    @Override
    protected List<DumpInfo> run(Cairn cairn, ProgressListener progress) {
        return cairn.dumps().list(Optional.ofNullable(db));
    }

    @Override
    protected void print(PrintWriter out, List<DumpInfo> dumps) {
        Table table = new Table("ID", "TIME", "DB", "TYPE", "FORMAT", "CONTENT", "SIZE", "ADDED", "SAVED", "TOOL");
        long bytes = 0;
        long stored = 0;
        for (DumpInfo dump : dumps) {
            String content = dump.schemaOnly() ? "schema" : dump.dataOnly() ? "data" : "all";
            if (!dump.tables().isEmpty()) {
                content += " (" + String.join(",", dump.tables()) + ")";
            }
            table.row(dump.shortId(), dump.time().truncatedTo(ChronoUnit.SECONDS), dump.db(), dump.type(), dump.format(),
                    content, Bytes.human(dump.bytes()), Bytes.human(dump.storedBytes()),
                    String.format("%.1f%%", 100 * dump.dedupSavings()), dump.tool());
            bytes += dump.bytes();
            stored += dump.storedBytes();
        }
        table.print(out);
        out.printf("%d dump(s): %s of dumps stored in %s (%.1f%% saved)%n", dumps.size(), Bytes.human(bytes),
                Bytes.human(stored), bytes == 0 ? 0.0 : Math.max(0, 100.0 * (1 - (double) stored / bytes)));
    }
}
