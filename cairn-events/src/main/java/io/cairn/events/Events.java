package io.cairn.events;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import io.cairn.events.internal.EventsRuntime;
import io.cairn.tx.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import io.cairn.repository.Repository;
import java.time.Instant;

/**
 * CQRS on PostgreSQL: event stores, command buses and projections. Obtain it from
 * {@code cairn.events()}. Thread-safe; {@link #close()} stops this JVM's projections.
 *
 * <pre>{@code
 * EventStore store = cairn.events().store("main");
 * store.append("order-42", ExpectedVersion.of(3), List.of(new OrderShipped("42")));
 * CommandBus bus = cairn.events().commands()
 *     .handler(ShipOrder.class, (cmd, ctx) -> ctx.load(Order.class, cmd.id()).ship())
 *     .build();
 * cairn.events().projection("orders_by_customer", OrdersByCustomer.class).start();
 * cairn.events().awaitProjected("orders_by_customer", bus.send(id, cmd).position(), Duration.ofSeconds(5));
 * }</pre>
 */
public final class Events implements AutoCloseable {
    private static final Backoff AWAIT = new Backoff(Duration.ofMillis(5), Duration.ofMillis(100), 2.0, 0.0);

    private final EventsRuntime runtime;

    private Events(EventsRuntime runtime) {
        this.runtime = runtime;
    }

    /** For the facade: events over {@code databases}, in transactions of {@code transactions}. */
    public static Events open(DataManager databases, Transactions transactions, EventSettings settings, Clock clock,
            Sleeper sleeper, MeterRegistry meterRegistry) {
        return open(databases, transactions, settings, clock, sleeper, meterRegistry, () -> {
            throw new CairnException(ErrorCode.CONFIG, "events: no repository was given, so events cannot be exported "
                    + "or imported; use cairn.events() with a repository configured");
        });
    }

    /** For the facade: as above, with the repository that exports go to (opened only when one is asked for). */
    public static Events open(DataManager databases, Transactions transactions, EventSettings settings, Clock clock,
            Sleeper sleeper, MeterRegistry meterRegistry, Supplier<Repository> repository) {
        return new Events(new EventsRuntime(databases, transactions, settings, clock, sleeper, meterRegistry,
                Objects.requireNonNull(repository, "repository")));
    }

    /** The database used when none is named: {@code events.database}, else the only PostgreSQL database. */
    public String defaultDatabase() {
        return runtime.defaultDatabase();
    }

    /** The streams of {@code db}: how many, and the {@code limit} most recently appended with their versions. */
    public StreamsReport streams(String db, int limit) {
        requirePositive(limit);
        return runtime.streams(db, limit);
    }

    /** Up to {@code limit} events of {@code db} after {@code after} in the global order (see {@link EventStore#readAll}). */
    public EventPage tail(String db, Position after, int limit) {
        requirePositive(limit);
        List<RecordedEvent> events = store(db).readAll(after, limit);
        return new EventPage(db, after, events,
                events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1).position()));
    }

    /** Event counts of {@code db} by type, the total, and the newest position. */
    public EventStats stats(String db) {
        return runtime.stats(db);
    }

    /**
     * Writes the events of {@code db} recorded in [{@code from}, {@code to}) to a repository snapshot
     * ({@link EventSnapshots}) with their count and SHA-256 in its manifest.
     */
    public EventExportResult exportRange(String db, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return runtime.exportRange(db, from, to);
    }

    /**
     * Reads an export snapshot into the event store of {@code db} in one transaction, after checking its
     * count and hash against its manifest. Events already present with the same stream, version and content
     * are skipped; a different event at the same stream version is refused (nothing is imported).
     */
    public EventImportResult importSnapshot(String snapshot, String db) {
        return runtime.importSnapshot(Objects.requireNonNull(snapshot, "snapshot"), db);
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new CairnException(ErrorCode.USAGE, "events: a limit is at least 1, got " + limit);
        }
    }

    /** The event store of PostgreSQL database {@code db} (its tables are created on first use). */
    public EventStore store(String db) {
        return runtime.store(db);
    }

    /** The event types (names, schema versions, upcasters) shared by every store of this facade. */
    public EventTypes types() {
        return runtime.types();
    }

    /** A command bus on the default database ({@code events.database}, or the only PostgreSQL one). */
    public CommandBus.Builder commands() {
        return commands(runtime.defaultDatabase());
    }

    public CommandBus.Builder commands(String db) {
        return runtime.commands(db);
    }

    /** The projection {@code name} on the default database, built by {@code type}'s no-argument constructor. */
    public ProjectionRunner projection(String name, Class<? extends Projection> type) {
        return projection(runtime.defaultDatabase(), name, instantiate(type));
    }

    /** The projection {@code name} on {@code db}; one runner per name and database in this JVM. */
    public ProjectionRunner projection(String db, String name, Projection projection) {
        Objects.requireNonNull(projection, "projection");
        return runtime.projection(db, name, projection);
    }

    /** Where every projection of {@code db} stands: position, lag, owner, liveness. */
    public List<ProjectionStatus> projections(String db) {
        return runtime.catalog(db).statuses();
    }

    public ProjectionStatus status(String db, String name) {
        return runtime.catalog(db).status(name);
    }

    /** Starts rebuilding {@code name} into a new table aside; its owner swaps it in once caught up. The new generation. */
    public int rebuild(String db, String name) {
        return runtime.catalog(db).requestRebuild(name);
    }

    /** Clears a pause on a poison event: the owner applies that event again (deploy the fix first). */
    public void resume(String db, String name) {
        runtime.catalog(db).resume(name);
    }

    /** Tells {@code listener} after each projected batch commits (the query-cache hook). */
    public void onProjected(ProjectionListener listener) {
        runtime.onProjected(Objects.requireNonNull(listener, "listener"));
    }

    /** {@link #awaitProjected(String, String, Position, Duration)} on the default database. */
    public boolean awaitProjected(String name, Position position, Duration timeout) {
        return awaitProjected(runtime.defaultDatabase(), name, position, timeout);
    }

    /**
     * Waits until projection {@code name} has applied every event up to {@code position} (read your
     * writes); false when {@code timeout} passed first. A paused projection fails at once, naming the
     * event it is paused on.
     */
    public boolean awaitProjected(String db, String name, Position position, Duration timeout) {
        var catalog = runtime.catalog(db);
        Retry retry = Retry.builder("projection '" + name + "'").attempts(Integer.MAX_VALUE).backoff(AWAIT).deadline(timeout)
                .clock(runtime.clock()).sleeper(runtime.sleeper()).build();
        return retry.until(() -> {
            ProjectionStatus status = catalog.status(name);
            if (status.position().compareTo(position) >= 0) {
                return true;
            }
            if (status.liveness() == ProjectionStatus.Liveness.PAUSED) {
                throw new CairnException(ErrorCode.PRECONDITION, "database '" + db + "': projection '" + name
                        + "' is paused: " + status.pausedOn().orElse("?"));
            }
            return false;
        });
    }

    private static Projection instantiate(Class<? extends Projection> type) {
        try {
            Constructor<? extends Projection> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new CairnException(ErrorCode.USAGE, "projection " + type.getName()
                    + " needs a no-argument constructor (or pass an instance): " + e, e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
