package io.cairn.cli.pg;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.cairn.backup.postgres.WalFetchResult;
import io.cairn.backup.postgres.WalPushResult;
import io.cairn.backup.postgres.WalStreamOptions;
import io.cairn.backup.postgres.WalStreamStatus;
import io.cairn.backup.postgres.WalStreamer;
import io.cairn.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cairn pg wal stream|push|fetch}: continuous WAL archiving into the repository. */
@Command(name = "wal", description = "Archive WAL: stream it over a replication slot, or serve as archive_command / restore_command.",
        subcommands = {PgWalCommand.Stream.class, PgWalCommand.Push.class, PgWalCommand.Fetch.class})
public final class PgWalCommand {

    @Command(name = "stream", description = "Stream WAL over a physical replication slot into the repository until stopped (Ctrl-C).")
    static final class Stream implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PostgresBackupAccess access;
        @Option(names = "--synchronous", description = "Confirm WAL to the server only once it is durable in the repository "
                + "(with synchronous_standby_names naming Cairn's application_name, commits then wait: RPO zero).")
        boolean synchronous;

        @Override
        public Integer call() throws InterruptedException {
            CountDownLatch stopped = new CountDownLatch(1);
            PrintWriter out = spec.commandLine().getOut();
            access.run(spec, backups -> {
                WalStreamOptions options = WalStreamOptions.defaults(access.db()).withSynchronous(synchronous);
                try (WalStreamer streamer = backups.walStreamer(access.db(), options)) {
                    Thread hook = new Thread(stopped::countDown, "cairn-wal-stop");
                    Runtime.getRuntime().addShutdownHook(hook);
                    streamer.start();
                    out.printf("streaming WAL of '%s' through slot %s (application_name %s)%s; Ctrl-C stops%n",
                            access.db(), options.slot(), options.applicationName(), synchronous ? ", synchronous" : "");
                    while (!stopped.await(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        if (!streamer.isRunning()) {
                            break;
                        }
                        WalStreamStatus status = streamer.status();
                        out.printf("  durable %s, lag %s bytes / %s, %d segments stored%n",
                                status.durable().map(Object::toString).orElse("-"),
                                status.lagBytes().map(Object::toString).orElse("?"),
                                status.lagTime().map(d -> d.toMillis() + " ms").orElse("?"), status.segmentsStored());
                    }
                    return streamer.status();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new io.cairn.core.CairnException(io.cairn.core.ErrorCode.INTERRUPTED, "WAL streaming interrupted", e);
                }
            });
            return 0;
        }
    }

    @Command(name = "push", description = "Archive one WAL file (archive_command = 'cairn pg wal push %p --db X …').")
    static final class Push implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PostgresBackupAccess access;
        @Parameters(index = "0", paramLabel = "PATH", description = "The WAL file (%p).")
        Path file;
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            WalPushResult result = access.run(spec, backups -> backups.pushWal(access.db(), file));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, result);
            } else {
                out.printf("archived %s (%d bytes)%n", result.file(), result.bytes());
            }
            return 0;
        }
    }

    @Command(name = "fetch", description = "Fetch one WAL file (restore_command = 'cairn pg wal fetch %f %p --db X …'); "
            + "exit 1 when it is not in the archive.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PostgresBackupAccess access;
        @Parameters(index = "0", paramLabel = "NAME", description = "The WAL file name (%f).")
        String name;
        @Parameters(index = "1", paramLabel = "PATH", description = "Where to write it (%p).")
        Path destination;

        @Override
        public Integer call() {
            WalFetchResult result = access.run(spec, backups -> backups.fetchWal(access.db(), name, destination));
            // PostgreSQL reads a non-zero exit as "not archived": expected at the end of recovery, so no error line
            return result.found() ? 0 : 1;
        }
    }
}
