package io.cairn.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Event, command and aggregate types for the tests. */
final class TestEvents {
    private TestEvents() {
    }

    record Noted(String text) {
    }

    record Poison(String why) {
    }

    record OrderPlaced(String id, String customer) {
    }

    record OrderShipped(String id) {
    }

    record ShipOrder(String id) {
    }

    record PlaceOrder(String id, String customer) {
    }

    /** An order aggregate. */
    static final class Order extends AggregateRoot {
        private boolean placed;
        private boolean shipped;
        private int changes;

        void place(String customer) {
            if (placed) {
                throw new CommandRejectedException("order " + id() + " exists already");
            }
            raise(new OrderPlaced(id(), customer));
        }

        void ship() {
            if (!placed || shipped) {
                throw new CommandRejectedException("order " + id() + " cannot be shipped now");
            }
            raise(new OrderShipped(id()));
        }

        int changes() {
            return changes;
        }

        @Override
        protected void apply(Object event) {
            changes++;
            if (event instanceof OrderPlaced) {
                placed = true;
            } else if (event instanceof OrderShipped) {
                shipped = true;
            }
        }
    }

    /** Records every event it applies in its table (event id and position), plus in memory. */
    static final class Recording implements Projection {
        final List<RecordedEvent> seen = new CopyOnWriteArrayList<>();
        volatile boolean failOnPoison = true;

        @Override
        public void create(ProjectionContext ctx) {
            ctx.tx().execute("CREATE TABLE " + ctx.table() + " (n bigserial PRIMARY KEY, event_id uuid NOT NULL, "
                    + "stream text NOT NULL, tx_id bigint NOT NULL, seq bigint NOT NULL)");
        }

        @Override
        public void apply(RecordedEvent event, ProjectionContext ctx) {
            if (failOnPoison && event.data() instanceof Poison poison) {
                throw new IllegalStateException("cannot project: " + poison.why());
            }
            ctx.tx().execute("INSERT INTO " + ctx.table() + " (event_id, stream, tx_id, seq) VALUES (?, ?, ?, ?)",
                    event.eventId(), event.stream(), event.position().transaction(), event.position().sequence());
            ctx.invalidate("stream:" + event.stream());
            seen.add(event);
        }

        List<String> streams() {
            List<String> streams = new ArrayList<>();
            seen.forEach(e -> streams.add(e.stream()));
            return streams;
        }
    }
}
