package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.WalStreamOptions;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.postgresql.copy.CopyDual;
import org.postgresql.copy.CopyOperation;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.v3.replication.V3PGReplicationStream;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.ReplicationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's worth of WAL streaming over a physical replication slot.
 *
 * <p>Where it starts: the end of the newest gap-free run of archived WAL along the server's
 * timeline lineage, rounded down to its segment's start (so segments are always assembled from
 * their first byte); with nothing archived, the slot's restart_lsn. The slot never releases WAL
 * Cairn has not confirmed, and Cairn confirms only what is stored, so a restart of Cairn or of
 * the server resumes without a gap. If the slot already lost WAL the archive lacks (it was
 * recreated), the gap is counted and logged and streaming starts at the slot.
 *
 * <p>Durability order: received WAL is stored in the repository (snapshot visible), and only
 * then confirmed to the server with the stored position as flush (and apply) LSN. A kill at any
 * point loses only WAL that was never confirmed, which the slot still holds.
 *
 * <p>Timelines: each session streams one timeline ({@code START_REPLICATION … TIMELINE t}). The
 * timeline whose file recovery would read for the start segment is chosen; a historic timeline
 * is streamed to its switchpoint, then the session ends and the next one continues on the next
 * timeline. History files are archived as they are met.
 */
public final class ReplicationSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSession.class);
    private static final long MAX_DRAIN_BYTES = 16L << 20;

    /** Why a session ended. */
    public enum End { STOPPED, TIMELINE_ENDED, STREAM_CLOSED }

    private final String db;
    private final WalArchive archive;
    private final WalStreamOptions options;
    private final StreamState state;
    private final Clock clock;
    private final Connection replication;
    private final String system;
    private final long segmentSize;
    private final PGReplicationStream stream;
    private final SegmentAssembler assembler;
    private final Optional<Lsn> historicEnd;
    private Lsn durable;

    private record Identity(String system, int timeline, Lsn flush) {
    }

    private ReplicationSession(String db, WalArchive archive, WalStreamOptions options, StreamState state, Clock clock,
            Connection replication, String system, WalSegment first, Optional<Lsn> historicEnd) throws SQLException {
        this.db = db;
        this.archive = archive;
        this.options = options;
        this.state = state;
        this.clock = clock;
        this.replication = replication;
        this.system = system;
        this.segmentSize = first.size();
        this.assembler = new SegmentAssembler(first);
        this.historicEnd = historicEnd;
        this.durable = first.start();
        this.stream = startReplication(replication, options.slot(), first, options.statusInterval());
        state.connected(true, first.timeline());
        state.received(first.start());
    }

    /** Connects, checks the server and slot, and starts streaming where the archive ends. */
    public static ReplicationSession open(DatabaseConfig config, WalArchive archive, WalStreamOptions options,
            StreamState state, Clock clock) {
        String db = config.id();
        SlotManager.Slot slot;
        try (Connection sql = PgConnections.open(config, options.applicationName() + "_control")) {
            SlotManager slots = new SlotManager(sql, db);
            slots.requireStreamingPossible();
            slot = slots.ensure(options.slot(), options.createSlot());
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new CairnException(ErrorCode.PERMISSION_DENIED, "database '" + db + "': user "
                        + config.user().orElse("?") + " may not use replication slots: run ALTER ROLE "
                        + config.user().orElse("<user>") + " REPLICATION", e);
            }
            throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': checking replication slot "
                    + options.slot() + " failed: " + e.getMessage(), e);
        }
        Connection replication = PgConnections.openReplication(config, options.applicationName());
        try {
            Identity identity = identify(replication);
            WalCatalog catalog = archive.catalog(db);
            requireSameCluster(db, catalog, identity, archive);
            long size = serverSegmentSize(replication);
            TimelineHistory lineage = archiveHistories(db, replication, archive, catalog, identity, size);
            Lsn start = resumePoint(db, catalog, lineage, slot, identity, state);
            long number = Long.divideUnsigned(start.value(), size);
            WalSegment first = new WalSegment(lineage.timelineForSegment(number, size), number, size);
            Optional<Lsn> historicEnd = lineage.endOf(first.timeline());
            LOG.info("database '{}': streaming WAL from {} on timeline {} (slot {})", db, first.start(), first.timeline(),
                    options.slot());
            return new ReplicationSession(db, archive, options, state, clock, replication, identity.system(), first,
                    historicEnd);
        } catch (SQLException e) {
            closeQuietly(replication);
            throw PgConnections.failure(config, "streaming WAL", e);
        } catch (RuntimeException e) {
            closeQuietly(replication);
            throw e;
        }
    }

    /** Streams until {@code stopRequested}, the end of a historic timeline, or the server closing the stream. */
    public End stream(BooleanSupplier stopRequested) throws SQLException {
        Instant unstoredSince = null;
        Duration idle = options.synchronous() ? Duration.ofMillis(1) : Duration.ofMillis(10);
        while (true) {
            if (stopRequested.getAsBoolean()) {
                store(true);
                return End.STOPPED;
            }
            long drained = 0;
            ByteBuffer data;
            while (drained < MAX_DRAIN_BYTES && (data = stream.readPending()) != null) {
                int length = data.remaining();
                assembler.append(new Lsn(stream.getLastReceiveLSN().asLong() - length), data);
                drained += length;
                if (assembler.completedCount() >= options.batchSegments()) {
                    store(false);
                }
                if (historicEnd.isPresent() && !assembler.received().isBefore(historicEnd.get())) {
                    break;
                }
            }
            state.received(assembler.received());
            if (unstoredSince == null && assembler.hasUnstoredPartial()) {
                unstoredSince = clock.instant();
            }
            boolean partialDue = options.synchronous() || unstoredSince != null
                    && !clock.instant().isBefore(unstoredSince.plus(options.partialInterval()));
            if (assembler.completedCount() > 0 || partialDue && assembler.hasUnstoredPartial()) {
                store(partialDue);
                if (!assembler.hasUnstoredPartial()) {
                    unstoredSince = null;
                }
            }
            if (historicEnd.isPresent() && !assembler.received().isBefore(historicEnd.get())) {
                store(true);
                return End.TIMELINE_ENDED;
            }
            if (stream.isClosed()) {
                store(true);
                return End.STREAM_CLOSED;
            }
            if (drained == 0) {
                LockSupport.parkNanos(idle.toNanos());
            }
        }
    }

    /** Stores completed segments (and the unstored part of the current one), then confirms them to the server. */
    private void store(boolean includePartial) throws SQLException {
        List<WalArchive.Content> completed = assembler.takeCompleted();
        Optional<WalArchive.Piece> piece = includePartial ? assembler.nextPiece() : Optional.empty();
        if (completed.isEmpty() && piece.isEmpty()) {
            return;
        }
        archive.store(db, system, segmentSize, completed, piece);
        piece.ifPresent(assembler::pieceStored);
        Lsn reached = piece.map(WalArchive.Piece::end).orElse(assembler.currentSegmentStart());
        durable = Lsn.max(durable, reached);
        state.segmentsStored.addAndGet(completed.size());
        if (piece.isPresent()) {
            state.partialsStored.incrementAndGet();
        }
        Optional<String> last = completed.isEmpty() ? Optional.empty()
                : Optional.of(completed.get(completed.size() - 1).name());
        state.durable(durable, last, clock.instant());
        LogSequenceNumber flushed = LogSequenceNumber.valueOf(durable.value());
        stream.setFlushedLSN(flushed);
        stream.setAppliedLSN(flushed);
        stream.forceUpdateStatus();
    }

    private static PGReplicationStream startReplication(Connection replication, String slot, WalSegment first,
            Duration statusInterval) throws SQLException {
        BaseConnection base = replication.unwrap(BaseConnection.class);
        String command = "START_REPLICATION SLOT " + slot + " PHYSICAL " + first.start() + " TIMELINE " + first.timeline();
        CopyOperation operation = base.getQueryExecutor().startCopy(command, true);
        if (!(operation instanceof CopyDual dual)) {
            throw new SQLException("START_REPLICATION did not enter copy-both mode");
        }
        return new V3PGReplicationStream(dual, LogSequenceNumber.valueOf(first.start().value()), statusInterval.toMillis(),
                ReplicationType.PHYSICAL);
    }

    private static Identity identify(Connection replication) throws SQLException {
        try (Statement statement = replication.createStatement(); ResultSet row = statement.executeQuery("IDENTIFY_SYSTEM")) {
            row.next();
            return new Identity(row.getString(1), row.getInt(2), Lsn.parse(row.getString(3)));
        }
    }

    private static long serverSegmentSize(Connection replication) throws SQLException {
        try (Statement statement = replication.createStatement();
                ResultSet row = statement.executeQuery("SHOW wal_segment_size")) {
            row.next();
            String text = row.getString(1).trim();
            long unit = text.endsWith("GB") ? 1L << 30 : text.endsWith("MB") ? 1L << 20 : text.endsWith("kB") ? 1L << 10 : 1;
            return Long.parseLong(text.replaceAll("[^0-9]", "")) * unit;
        }
    }

    private static void requireSameCluster(String db, WalCatalog catalog, Identity identity, WalArchive archive) {
        Optional<String> archived = catalog.systemIdentifier();
        if (archived.isPresent() && !archived.get().equals(identity.system())) {
            throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "' is cluster " + identity.system()
                    + " but the repository holds WAL of cluster " + archived.get() + " under that id: use another"
                    + " database id or repository for the new cluster");
        }
    }

    /** Archives history files of the server's timelines that the archive lacks; returns the server's lineage. */
    private static TimelineHistory archiveHistories(String db, Connection replication, WalArchive archive,
            WalCatalog catalog, Identity identity, long size) throws SQLException {
        TimelineHistory lineage = TimelineHistory.root(identity.timeline());
        for (int timeline = 2; timeline <= identity.timeline(); timeline++) {
            byte[] content;
            try (Statement statement = replication.createStatement();
                    ResultSet row = statement.executeQuery("TIMELINE_HISTORY " + timeline)) {
                row.next();
                content = row.getBytes(2);
            } catch (SQLException e) {
                LOG.debug("database '{}': history of timeline {} not available: {}", db, timeline, e.getMessage());
                continue;
            }
            if (catalog.history(timeline).isEmpty()) {
                archive.store(db, identity.system(), size, List.of(new WalArchive.Content(WalSegment.historyName(timeline),
                        content)), Optional.empty());
            }
            if (timeline == identity.timeline()) {
                lineage = TimelineHistory.parse(timeline, new String(content, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return lineage;
    }

    private static Lsn resumePoint(String db, WalCatalog catalog, TimelineHistory lineage, SlotManager.Slot slot,
            Identity identity, StreamState state) {
        List<WalCoverage> runs = WalCoverage.runs(catalog, lineage);
        Optional<Lsn> restart = slot.restartLsn();
        Lsn start;
        if (runs.isEmpty()) {
            start = restart.orElse(identity.flush());
        } else {
            start = runs.get(runs.size() - 1).end();
            if (restart.isPresent() && Long.divideUnsigned(start.value(), catalog.segmentSize())
                    < Long.divideUnsigned(restart.get().value(), catalog.segmentSize())) {
                state.gaps.incrementAndGet();
                LOG.warn("database '{}': the archive ends at {} but slot {} only keeps WAL from {}: WAL in between is"
                        + " lost (was the slot recreated?); take a new full backup", db, start, slot.name(), restart.get());
                start = restart.get();
            }
        }
        return Lsn.min(start, identity.flush());
    }

    @Override
    public void close() {
        state.disconnected();
        try {
            if (!stream.isClosed()) {
                stream.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("database '{}': closing the replication stream: {}", db, e.toString());
        }
        closeQuietly(replication);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection is gone either way
        }
    }
}
