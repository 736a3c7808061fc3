package io.cairn.events.internal;

import io.cairn.events.Position;
import io.cairn.events.ProjectedBatch;
import io.cairn.events.Projection;
import io.cairn.events.ProjectionContext;
import io.cairn.events.ProjectionListener;
import io.cairn.events.RecordedEvent;
import io.cairn.tx.Transactions;
import io.cairn.tx.Tx;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of one projection generation, in one transaction, in this order: lock the checkpoint
 * row (FOR UPDATE: a second runner of the same projection — a stale owner that lost its lease —
 * waits here and then reads the moved checkpoint, so no event is applied twice), create the table if
 * this generation has none yet, read the next events below the watermark, apply them, move the
 * checkpoint. The read model and the checkpoint commit together or not at all: a crash anywhere
 * leaves the checkpoint exactly at the last applied event (exactly-once effect). The cache hook runs
 * after the commit.
 */
final class ProjectionBatch {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionBatch.class);

    private final String db;
    private final String name;
    private final Projection projection;
    private final Transactions transactions;
    private final GlobalOrder order;
    private final Clock clock;
    private final Supplier<List<ProjectionListener>> listeners;

    ProjectionBatch(String db, String name, Projection projection, Transactions transactions, GlobalOrder order, Clock clock,
            Supplier<List<ProjectionListener>> listeners) {
        this.db = db;
        this.name = name;
        this.projection = projection;
        this.transactions = transactions;
        this.order = order;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Applies up to {@code limit} events to {@code generation}; the number applied. */
    int run(int generation, boolean live, int limit) {
        return transactions.inTransaction(db, tx -> {
            ProjectionCatalog.Checkpoint checkpoint = ProjectionCatalog.checkpoint(tx, name, generation);
            Context context = new Context(tx, ProjectionCatalog.table(name, generation));
            if (!checkpoint.created()) {
                projection.create(context);
                tx.execute("UPDATE cairn_projection_checkpoints SET created = true WHERE name = ? AND generation = ?",
                        name, generation);
                if (live) {
                    ProjectionCatalog.pointView(tx, name, context.table());
                }
            }
            List<RecordedEvent> events = order.read(tx.connection(), db, checkpoint.position(), limit);
            if (events.isEmpty()) {
                return 0;
            }
            for (RecordedEvent event : events) {
                try {
                    projection.apply(event, context);
                } catch (Exception e) {
                    throw new PoisonEventException(name, event, e);
                }
            }
            Position last = events.get(events.size() - 1).position();
            tx.execute("UPDATE cairn_projection_checkpoints SET tx_id = ?, seq = ?, projected = projected + ? "
                    + "WHERE name = ? AND generation = ?", last.transaction(), last.sequence(), events.size(), name, generation);
            tx.execute("UPDATE cairn_projections SET progressed_at = ? WHERE name = ?", Timestamp.from(clock.instant()), name);
            ProjectedBatch batch = new ProjectedBatch(db, name, checkpoint.position(), last, events.size(),
                    Set.copyOf(context.tags));
            tx.afterCommit(() -> tell(batch));
            return events.size();
        });
    }

    private void tell(ProjectedBatch batch) {
        for (ProjectionListener listener : listeners.get()) {
            try {
                listener.projected(batch);
            } catch (RuntimeException e) {
                LOG.warn("database '{}': projection '{}': a listener failed after batch up to {}: {}", db, name, batch.to(),
                        e.toString());
            }
        }
    }

    private final class Context implements ProjectionContext {
        private final Tx tx;
        private final String table;
        private final Set<String> tags = new LinkedHashSet<>();

        Context(Tx tx, String table) {
            this.tx = tx;
            this.table = table;
        }

        @Override
        public Tx tx() {
            return tx;
        }

        @Override
        public String table() {
            return table;
        }

        @Override
        public String projection() {
            return name;
        }

        @Override
        public void invalidate(String tag) {
            tags.add(tag);
        }
    }
}
