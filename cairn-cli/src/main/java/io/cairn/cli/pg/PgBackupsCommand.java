package io.cairn.cli.pg;

import io.cairn.Cairn;
import io.cairn.repository.ProgressListener;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;

import io.cairn.backup.postgres.PgBackupInfo;
import io.cairn.backup.postgres.PgBackupList;
import io.cairn.backup.postgres.WalRange;
import io.cairn.cli.Bytes;
import io.cairn.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn pg backups --db X}: the backups and the archived WAL, i.e. what can be restored to when. */
@Command(name = "backups", description = "List base backups and archived WAL: what can be restored to when.")
public final class PgBackupsCommand extends PostgresCommand<PgBackupList> {
    @Override
    protected PgBackupList run(Cairn cairn, ProgressListener progress) {
        return cairn.postgres().backups(db);
    }

    @Override
    protected void print(PrintWriter out, PgBackupList list) {
        Table table = new Table("BACKUP", "TYPE", "PARENT", "STOP TIME", "STOP LSN", "TL", "SIZE", "ADDED", "RESTORABLE UNTIL");
        for (PgBackupInfo b : list.backups()) {
            table.row(b.shortId(), b.type(), b.parent().map(p -> p.substring(0, Math.min(8, p.length()))).orElse("-"),
                    b.stopTime().truncatedTo(ChronoUnit.SECONDS), b.stopLsn(), b.timeline(), Bytes.human(b.bytes()),
                    Bytes.human(b.bytesAddedStored()),
                    b.restorableUntil().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(b.restorableUntilLsn().toString()));
        }
        table.print(out);
        out.println();
        Table wal = new Table("WAL FROM", "WAL TO", "START LSN", "END LSN", "LAST COMMIT SEEN", "PARTIAL");
        for (WalRange range : list.wal()) {
            wal.row(range.firstSegment(), range.lastSegment(), range.start(), range.end(),
                    range.endTime().map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-"), range.partial() ? "yes" : "no");
        }
        wal.print(out);
    }
}
