package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the WAL a backup needs (from its start LSN to its stop LSN) is in the repository
 * before the backup is committed. WAL already archived (by the streamer or archive_command) is
 * used as it is; what is missing is read from the server's pg_wal when allowed, each segment
 * checked against its own header (a recycled file carries an older address); then the
 * repository is polled until the WAL is there or the wait runs out.
 */
public final class WalCompleter {
    private static final Logger LOG = LoggerFactory.getLogger(WalCompleter.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final WalArchive archive;
    private final Clock clock;
    private final boolean copyFromDataDirectory;
    private final Duration wait;

    public WalCompleter(WalArchive archive, Clock clock, boolean copyFromDataDirectory, Duration wait) {
        this.archive = archive;
        this.clock = clock;
        this.copyFromDataDirectory = copyFromDataDirectory;
        this.wait = wait;
    }

    /**
     * Returns how many segments were copied from pg_wal; throws PRECONDITION when the WAL is still
     * missing after the wait. {@code stopSegmentClosed}: pg_switch_wal ended the stop segment, so
     * its file in pg_wal is final and may be copied.
     */
    public int complete(String db, ServerInfo server, int timeline, Lsn start, Lsn stop, boolean stopSegmentClosed) {
        TimelineHistory lineage = TimelineHistory.root(timeline);
        WalCatalog catalog = archive.catalog(db);
        if (WalCoverage.from(catalog, lineage, start).covers(stop)) {
            return 0;
        }
        int copied = copyFromDataDirectory ? copy(db, server, catalog, timeline, start, stop, stopSegmentClosed) : 0;
        Instant deadline = clock.instant().plus(wait);
        Duration pause = FIRST_POLL;
        while (true) {
            WalCoverage coverage = WalCoverage.from(archive.catalog(db), lineage, start);
            if (coverage.covers(stop)) {
                return copied;
            }
            if (!clock.instant().isBefore(deadline)) {
                String missing = coverage.firstMissing().map(WalSegment::name).orElse("?");
                throw new CairnException(ErrorCode.PRECONDITION, "backup of database '" + db + "': WAL segment "
                        + missing + " (needed from the backup's start " + start + " to its stop " + stop
                        + ") did not reach the repository within " + wait.toSeconds() + "s: run `cairn pg wal stream --db "
                        + db + "` or set archive_command to `cairn pg wal push --db " + db + " %p`, then back up again");
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
        }
    }

    private int copy(String db, ServerInfo server, WalCatalog catalog, int timeline, Lsn start, Lsn stop,
            boolean stopSegmentClosed) {
        long size = server.walSegmentSize();
        WalSegment first = WalSegment.containing(timeline, start, size);
        WalSegment last = WalSegment.containing(timeline, stop.plus(-1), size);
        List<WalArchive.Content> files = new ArrayList<>();
        for (WalSegment segment = first; segment.compareTo(last) <= 0; segment = segment.next()) {
            if (catalog.completeSegment(segment).isPresent() || segment.equals(last) && !stopSegmentClosed) {
                continue;
            }
            String name = segment.name();
            readChecked(server, segment).ifPresent(bytes -> files.add(new WalArchive.Content(name, bytes)));
        }
        if (!files.isEmpty()) {
            archive.store(db, server.systemIdentifier(), size, files, Optional.empty());
            LOG.info("database '{}': stored {} WAL segment(s) read from pg_wal for the backup", db, files.size());
        }
        return files.size();
    }

    private Optional<byte[]> readChecked(ServerInfo server, WalSegment segment) {
        Path file = server.dataDirectory().resolve("pg_wal").resolve(segment.name());
        try {
            byte[] bytes = Files.readAllBytes(file);
            Optional<WalPageHeader> header = WalPageHeader.parse(bytes);
            boolean valid = bytes.length == segment.size() && header.isPresent()
                    && header.get().pageAddress() == segment.start().value()
                    && header.get().systemIdentifierText().equals(server.systemIdentifier());
            if (!valid) {
                LOG.debug("{} in pg_wal is not (yet) segment {}; waiting for the archive instead", file, segment);
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; waiting for the archive instead", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, "interrupted while waiting for WAL to be archived", e);
        }
    }
}
