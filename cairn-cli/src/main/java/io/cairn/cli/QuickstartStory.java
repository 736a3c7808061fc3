package io.cairn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import io.cairn.backup.BackupType;
import io.cairn.backup.RecoveryTarget;
import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.PgBackupResult;
import io.cairn.backup.postgres.PgRestoreResult;
import io.cairn.Cairn;
import io.cairn.backup.postgres.PostgresBackups;
import io.cairn.backup.postgres.RestoreRequest;
import io.cairn.backup.postgres.WalStreamOptions;
import io.cairn.backup.postgres.WalStreamer;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.embedded.PostgresBinaries;
import io.cairn.embedded.PostgresServer;
import io.cairn.repository.InitOptions;

/**
 * The steps of {@code cairn quickstart}, in order, over one work directory (world-traversable,
 * since the servers run as an unprivileged user when Cairn runs as root) that holds the
 * repository and the restored server and is deleted on close unless kept.
 */
final class QuickstartStory implements AutoCloseable {
    private static final String DB = "shop";
    private static final Duration WAL_WAIT = Duration.ofMinutes(2);

    private final PostgresBinaries binaries;
    private final boolean keep;
    private final PrintWriter out;
    private final StepClock clock;
    private final Path work;
    private final PostgresServer source;

    QuickstartStory(PostgresBinaries binaries, boolean keep, PrintWriter out, StepClock clock) {
        this.binaries = binaries;
        this.keep = keep;
        this.out = out;
        this.clock = clock;
        this.work = createWorkDirectory();
        this.source = PostgresServer.builder().binaries(binaries).database(DB).keepDirectory(keep).build();
    }

    void run() {
        clock.step("Start the embedded server", source::start);
        out.printf("  listening on 127.0.0.1:%d, data in %s%n", source.port(), source.dataDirectory());
        String passphrase = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (Cairn cairn = Cairn.configure(config(passphrase)).open()) {
            clock.step("Create an encrypted repository", () -> cairn.initRepository(InitOptions.defaults()));
            DataManager dm = cairn.databases();
            PostgresBackups backups = cairn.postgres();
            Instant beforeDisaster;
            try (WalStreamer streamer = backups.walStreamer(DB, WalStreamOptions.defaults(DB)
                    .withPartialInterval(Duration.ofMillis(500)))) {
                clock.step("Stream WAL into the repository", streamer::start);
                clock.step("Create the sample schema", () -> SampleShop.create(dm, DB));
                PgBackupResult full = clock.step("Take a full backup", () -> backups.backup(DB, BackupType.FULL));
                out.printf("  backup %s: %s, LSN %s .. %s%n", full.shortId(), Bytes.human(full.bytes()), full.startLsn(), full.stopLsn());
                beforeDisaster = clock.step("Place orders in three batches", () -> placeOrders(dm));
                QueryRendering.print(out, dm.query(DB, SampleShop.SUMMARY_QUERY));
                clock.step("Disaster: DROP TABLE orders", () -> dm.execute(DB, "DROP TABLE orders"));
                clock.step("Wait until the WAL of the drop is in the repository", () -> awaitArchived(dm, streamer));
            }
            out.printf("  restore target: %s (just before the drop)%n", beforeDisaster);
            PgRestoreResult restored = clock.step("Restore to just before the disaster and recover",
                    () -> backups.restore(DB, RestoreRequest.to(work.resolve("restored"))
                            .withTarget(RecoveryTarget.time(beforeDisaster)).withStart()
                            .withBinaries(binaries.binDirectory())));
            restored.reached().ifPresent(point -> out.printf("  recovery reached LSN %s%s%n", point.replayLsn(),
                    point.lastTransaction().map(t -> ", last transaction at " + t).orElse("")));
            clock.step("Start the restored server and look at the orders", () -> showRestoredOrders(work.resolve("restored")));
        }
        clock.step("Stop the server", source::stop);
    }

    /** Three batches with a pause between them, so there are distinct points in time; returns the time after the last. */
    private Instant placeOrders(DataManager dm) {
        Instant last = null;
        for (int batch = 1; batch <= 3; batch++) {
            last = SampleShop.placeOrders(dm, DB, batch);
            out.printf("  batch %d committed at %s, %d orders%n", batch, last, SampleShop.orderCount(dm, DB));
        }
        return last;
    }

    private void awaitArchived(DataManager dm, WalStreamer streamer) {
        Lsn flushed = Lsn.parse(dm.query(DB, "SELECT pg_current_wal_flush_lsn()::text").firstValue().orElseThrow().toString());
        if (!streamer.awaitDurable(flushed, WAL_WAIT)) {
            throw new CairnException(ErrorCode.STORAGE, "quickstart: WAL up to " + flushed + " did not reach the repository within "
                    + Durations.human(WAL_WAIT) + ": " + streamer.status().lastError().orElse("no error reported"));
        }
    }

    private void showRestoredOrders(Path dataDirectory) {
        try (PostgresServer restored = PostgresServer.builder().binaries(binaries).existingDataDirectory(dataDirectory)
                .user(source.user()).password(source.password()).database(DB).keepDirectory(keep).build()) {
            restored.start();
            String yaml = """
                    databases:
                      restored: { type: postgresql, url: "postgresql://%s@127.0.0.1:%d/%s", password: "${PASSWORD}" }
                    """.formatted(source.user(), restored.port(), DB);
            try (Cairn cairn = Cairn.configure(CairnConfig.parse(yaml, "quickstart",
                    Environment.of(Map.of("PASSWORD", source.password())))).open()) {
                out.printf("  the orders table is back on the restored server (127.0.0.1:%d):%n", restored.port());
                QueryRendering.print(out, cairn.databases().query("restored", SampleShop.SUMMARY_QUERY));
            }
            restored.stop();
        }
    }

    /** The same configuration a user would write, with the passwords passed by reference. */
    private CairnConfig config(String repositoryPassphrase) {
        String yaml = """
                databases:
                  %s: { type: postgresql, url: "postgresql://%s@127.0.0.1:%d/%s", password: "${QUICKSTART_PASSWORD}", pool: { max: 4 } }
                repository: { url: "%s", password: "${QUICKSTART_REPOSITORY_PASSWORD}" }
                """.formatted(DB, source.user(), source.port(), DB, work.resolve("repository"));
        return CairnConfig.parse(yaml, "quickstart", Environment.of(Map.of("QUICKSTART_PASSWORD", source.password(),
                "QUICKSTART_REPOSITORY_PASSWORD", repositoryPassphrase)));
    }

    private static Path createWorkDirectory() {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "cairn-quickstart-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "quickstart: cannot create a work directory in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        source.close();
        if (keep) {
            out.printf("  kept the source server in %s and the repository and restored copy in %s%n", source.directory(), work);
            return;
        }
        try (var paths = Files.walk(work)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("quickstart: cannot delete " + work, e);
        }
    }
}
