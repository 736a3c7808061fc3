package io.cairn.cli.pg;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.cairn.Cairn;
import io.cairn.backup.postgres.WalFetchResult;
import io.cairn.backup.postgres.WalPushResult;
import io.cairn.backup.postgres.WalStreamOptions;
import io.cairn.backup.postgres.WalStreamStatus;
import io.cairn.backup.postgres.WalStreamer;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn pg wal stream|push|fetch}: continuous WAL archiving into the repository. */
@Command(name = "wal", description = "Archive WAL: stream it over a replication slot, or serve as archive_command / restore_command.",
        subcommands = {PgWalCommand.Stream.class, PgWalCommand.Push.class, PgWalCommand.Fetch.class})
public final class PgWalCommand {

    @Command(name = "stream", description = "Stream WAL over a physical replication slot into the repository until stopped "
            + "(Ctrl-C); slot, intervals and synchronous mode come from the config's wal: section.")
    static final class Stream extends PostgresCommand<WalStreamStatus> {
        @Option(names = "--synchronous", description = "Confirm WAL to the server only once it is durable in the repository "
                + "(with synchronous_standby_names naming Cairn's application_name, commits then wait: RPO zero); "
                + "overrides wal.synchronous of the config.")
        boolean synchronous;
        private final CountDownLatch stopped = new CountDownLatch(1);

        /** Ctrl-C is how streaming ends: stop, then print the final status (the one shutdown hook waits for it). */
        @Override
        protected boolean stopForShutdown() {
            stopped.countDown();
            return true;
        }

        @Override
        protected WalStreamStatus run(Cairn cairn, ProgressListener progress) {
            WalStreamOptions options = cairn.wal().options(db);
            if (synchronous) {
                options = options.withSynchronous(true);
            }
            PrintWriter out = spec.commandLine().getOut();
            try (WalStreamer streamer = cairn.postgres().walStreamer(db, options)) {
                streamer.start();
                out.printf("streaming WAL of '%s' through slot %s (application_name %s)%s; Ctrl-C stops%n",
                        db, options.slot(), options.applicationName(), options.synchronous() ? ", synchronous" : "");
                out.flush();
                while (!stopped.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS) && streamer.isRunning()) {
                    if (!json) {
                        printStatus(out, streamer.status());
                    }
                }
                return streamer.status();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CairnException(ErrorCode.INTERRUPTED, "WAL streaming of '" + db + "' interrupted", e);
            }
        }

        private static void printStatus(PrintWriter out, WalStreamStatus status) {
            out.printf("  durable %s, lag %s bytes / %s, %d segments stored%n",
                    status.durable().map(Object::toString).orElse("-"),
                    status.lagBytes().map(Object::toString).orElse("?"),
                    status.lagTime().map(d -> d.toMillis() + " ms").orElse("?"), status.segmentsStored());
            out.flush();
        }

        @Override
        protected void print(PrintWriter out, WalStreamStatus status) {
            out.print("stopped;");
            printStatus(out, status);
            status.lastError().ifPresent(error -> out.println("  last error: " + error));
        }
    }

    @Command(name = "push", description = "Archive one WAL file (archive_command = 'cairn pg wal push %p --db X …').")
    static final class Push extends PostgresCommand<WalPushResult> {
        @Parameters(index = "0", paramLabel = "PATH", description = "The WAL file (%p).")
        Path file;

        @Override
        protected WalPushResult run(Cairn cairn, ProgressListener progress) {
            return cairn.postgres().pushWal(db, file);
        }

        @Override
        protected void print(PrintWriter out, WalPushResult result) {
            out.printf("archived %s (%d bytes)%n", result.file(), result.bytes());
        }
    }

    @Command(name = "fetch", description = "Fetch one WAL file (restore_command = 'cairn pg wal fetch %f %p --db X …'); "
            + "exit 1 when it is not in the archive.")
    static final class Fetch extends PostgresCommand<WalFetchResult> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The WAL file name (%f).")
        String name;
        @Parameters(index = "1", paramLabel = "PATH", description = "Where to write it (%p).")
        Path destination;

        @Override
        protected WalFetchResult run(Cairn cairn, ProgressListener progress) {
            return cairn.postgres().fetchWal(db, name, destination);
        }

        @Override
        protected void print(PrintWriter out, WalFetchResult result) {
            // PostgreSQL reads a non-zero exit as "not archived": expected at the end of recovery, so no error line
        }

        @Override
        protected int exitCode(WalFetchResult result) {
            return result.found() ? 0 : 1;
        }
    }
}
