package io.cairn.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * An event-sourced aggregate: its state is the fold of its events. A subclass needs a no-argument
 * constructor, changes its fields only in {@link #apply} and decides with methods that call
 * {@link #raise}. Its fields are its snapshot (written as JSON every {@code snapshot-every} events),
 * so keep them plain data.
 *
 * <pre>{@code
 * public final class Order extends AggregateRoot {
 *     private boolean shipped;
 *     public void ship() {
 *         if (shipped) throw new CommandRejectedException("order " + id() + " is shipped already");
 *         raise(new OrderShipped(id()));
 *     }
 *     protected void apply(Object event) {
 *         if (event instanceof OrderShipped) shipped = true;
 *     }
 * }
 * }</pre>
 */
public abstract class AggregateRoot {
    @JsonIgnore
    private String id;
    @JsonIgnore
    private long version;
    @JsonIgnore
    private final List<Object> pending = new ArrayList<>();

    /** Changes the state by one event (stored or just raised). Never fails, never decides. */
    protected abstract void apply(Object event);

    /** Records a new event: applies it now and appends it when the command's transaction commits. */
    protected final void raise(Object event) {
        apply(event);
        pending.add(event);
    }

    /** The aggregate's id (its stream is {@code <SimpleClassName>-<id>}). */
    public final String id() {
        return id;
    }

    /** The version of the stream this state was loaded at (before the pending events). */
    public final long version() {
        return version;
    }

    final void loaded(String loadedId, long loadedVersion) {
        this.id = loadedId;
        this.version = loadedVersion;
    }

    final void replay(Object event, long eventVersion) {
        apply(event);
        this.version = eventVersion;
    }

    final List<Object> takePending() {
        List<Object> taken = List.copyOf(pending);
        pending.clear();
        return taken;
    }

    /** The bridge the command bus uses to load and save aggregates (not for applications). */
    public static final class Access {
        private Access() {
        }

        public static void loaded(AggregateRoot aggregate, String id, long version) {
            aggregate.loaded(id, version);
        }

        public static void replay(AggregateRoot aggregate, Object event, long version) {
            aggregate.replay(event, version);
        }

        public static List<Object> takePending(AggregateRoot aggregate) {
            return aggregate.takePending();
        }
    }
}
