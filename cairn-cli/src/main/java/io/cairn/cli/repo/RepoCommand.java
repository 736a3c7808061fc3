package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.util.List;

import io.cairn.Cairn;
import io.cairn.cli.Bytes;
import io.cairn.cli.RepositoryFlags;
import io.cairn.cli.ResultCommand;
import io.cairn.cli.Table;
import io.cairn.repository.InitOptions;
import io.cairn.repository.LockInfo;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryInfo;
import io.cairn.repository.UnlockResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn repo init|info|locks|unlock}: create and look after a backup repository. */
@Command(name = "repo", description = "Create and look after a backup repository.",
        subcommands = {RepoCommand.Init.class, RepoCommand.Info.class, RepoCommand.Locks.class, RepoCommand.Unlock.class})
public final class RepoCommand {

    @Command(name = "init", description = "Create a new, empty, encrypted repository.")
    static final class Init extends ResultCommand<RepositoryInfo> {
        @Mixin
        RepositoryFlags repository;
        @Option(names = "--compression", paramLabel = "LEVEL", description = "zstd level 1..19 (default 3).")
        Integer compression;

        @Override
        protected Cairn open() {
            return repository.applyTo(root().cairn()).open();
        }

        @Override
        protected RepositoryInfo run(Cairn cairn, ProgressListener progress) {
            InitOptions options = InitOptions.defaults();
            if (compression != null) {
                options = options.withCompressionLevel(compression);
            }
            return cairn.initRepository(options).info();
        }

        @Override
        protected void print(PrintWriter out, RepositoryInfo info) {
            out.printf("created repository %s at %s%n", info.id(), info.location());
            out.println("keep the passphrase safe: without it no backup in this repository can be restored");
        }
    }

    @Command(name = "info", description = "Show the repository's format and settings.")
    static final class Info extends RepositoryCommand<RepositoryInfo> {
        @Override
        protected RepositoryInfo run(Repository repository, ProgressListener progress) {
            return repository.info();
        }

        @Override
        protected void print(PrintWriter out, RepositoryInfo info) {
            new Table("ID", "LOCATION", "VERSION", "CREATED", "COMPRESSION", "PACK SIZE", "CHUNKER")
                    .row(info.id(), info.location(), info.version(), info.created(), "zstd " + info.compressionLevel(),
                            Bytes.human(info.packSize()), info.chunker())
                    .print(out);
        }
    }

    @Command(name = "locks", description = "List the locks held on the repository, marking stale ones.")
    static final class Locks extends RepositoryCommand<List<LockInfo>> {
        @Override
        protected List<LockInfo> run(Repository repository, ProgressListener progress) {
            return repository.locks();
        }

        @Override
        protected void print(PrintWriter out, List<LockInfo> locks) {
            printLocks(out, locks);
        }
    }

    @Command(name = "unlock", description = "Remove stale locks (dead process or old heartbeat); --remove-all removes every lock.")
    static final class Unlock extends RepositoryCommand<UnlockResult> {
        @Option(names = "--remove-all", description = "Also remove locks that look alive. Only when no Cairn process uses the repository.")
        boolean removeAll;

        @Override
        protected UnlockResult run(Repository repository, ProgressListener progress) {
            return repository.unlock(removeAll);
        }

        @Override
        protected void print(PrintWriter out, UnlockResult result) {
            out.printf("removed %d lock(s), %d remain%n", result.removed().size(), result.remaining().size());
            if (!result.remaining().isEmpty()) {
                printLocks(out, result.remaining());
            }
        }
    }

    static void printLocks(PrintWriter out, List<LockInfo> locks) {
        Table table = new Table("ID", "KIND", "OPERATION", "HOST", "PID", "USER", "CREATED", "HEARTBEAT", "STALE");
        for (LockInfo lock : locks) {
            table.row(lock.id().substring(0, Math.min(8, lock.id().length())), lock.exclusive() ? "exclusive" : "shared",
                    lock.operation(), lock.host(), lock.pid(), lock.user(), lock.created(), lock.heartbeat(),
                    lock.stale() ? "yes" : "no");
        }
        table.print(out);
    }
}
