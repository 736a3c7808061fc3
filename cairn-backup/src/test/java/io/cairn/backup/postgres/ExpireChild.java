package io.cairn.backup.postgres;

import io.cairn.backup.postgres.internal.BackupCatalog;
import io.cairn.backup.postgres.internal.BackupExpirer;
import io.cairn.backup.postgres.internal.RepositoryGateway;
import io.cairn.backup.postgres.internal.WalArchive;
import io.cairn.repository.Repository;
import io.cairn.repository.RetentionPolicy;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Child JVM of {@link ExpireTest}: runs expire (keep-last 1) on a repository and, once the removed
 * backups are forgotten, prints {@link #FORGOTTEN} and waits to be killed with -9 before any WAL is
 * removed.
 */
public final class ExpireChild {
    static final String FORGOTTEN = "cairn-expire-child: backups forgotten";

    private ExpireChild() {
    }

    public static void main(String[] args) throws Exception {
        Path repositoryPath = Path.of(args[0]);
        String db = args[1];
        try (Repository repository = TestSupport.openRepository(repositoryPath)) {
            RepositoryGateway gateway = new RepositoryGateway(repository);
            Clock clock = Clock.systemUTC();
            new BackupExpirer(gateway, new BackupCatalog(gateway), new WalArchive(gateway, clock), clock, io.cairn.core.Sleeper.system(), () -> {
                System.out.println(FORGOTTEN);
                System.out.flush();
                waitForKill();
            }).expire(db, RetentionPolicy.none().withKeepLast(1), ExpireOptions.defaults());
        }
        System.out.println("cairn-expire-child: expire finished, which the test did not expect");
        System.exit(3);
    }

    private static void waitForKill() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
