package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    private final Sleeper sleeper;
    private final boolean copyFromDataDirectory;
    private final Duration wait;

    public WalCompleter(WalArchive archive, Clock clock, Sleeper sleeper, boolean copyFromDataDirectory, Duration wait) {
        this.archive = archive;
        this.clock = clock;
        this.sleeper = sleeper;
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
        Retry poll = Retry.builder("backup of database '" + db + "'").attempts(Integer.MAX_VALUE).deadline(wait)
                .backoff(Backoff.doubling(FIRST_POLL, MAX_POLL)).clock(clock).sleeper(sleeper).build();
        WalCoverage[] last = new WalCoverage[1];
        boolean covered = poll.until(() -> {
            last[0] = WalCoverage.from(archive.catalog(db), lineage, start);
            return last[0].covers(stop);
        });
        if (!covered) {
            String missing = last[0].firstMissing().map(WalSegment::name).orElse("?");
            throw new CairnException(ErrorCode.PRECONDITION, "backup of database '" + db + "': WAL segment "
                    + missing + " (needed from the backup's start " + start + " to its stop " + stop
                    + ") did not reach the repository within " + wait.toSeconds() + "s: run `cairn pg wal stream --db "
                    + db + "` or set archive_command to `cairn pg wal push --db " + db + " %p`, then back up again");
        }
        return copied;
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
}
