package io.cairn.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.events.TestEvents.Noted;
import io.cairn.events.TestEvents.Order;
import io.cairn.events.TestEvents.OrderPlaced;
import io.cairn.events.TestEvents.OrderShipped;
import io.cairn.events.TestEvents.PlaceOrder;
import io.cairn.events.TestEvents.Poison;
import io.cairn.events.TestEvents.Recording;
import io.cairn.events.TestEvents.ShipOrder;
import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event store, command bus and projections on one PostgreSQL version. */
abstract class EventsContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    abstract PostgresExtension pg();

    EventFixtures.Fresh fresh;
    EventFixtures.Opened opened;
    Events events;
    EventStore store;

    @BeforeEach
    void open() {
        fresh = EventFixtures.fresh(pg());
        opened = EventFixtures.open(fresh, EventFixtures.SETTINGS.withDatabase("main").withSnapshotEvery(2));
        events = opened.events();
        events.types().register(Noted.class, 1).register(Poison.class, 1).register(OrderPlaced.class, 1)
                .register(OrderShipped.class, 1);
        store = events.store("main");
    }

    @AfterEach
    void close() {
        opened.close();
    }

    @Test
    void ofConcurrentAppendersAtOneExpectedVersionExactlyOneWins() throws Exception {
        store.append("race", ExpectedVersion.noStream(), List.of(new Noted("0"), new Noted("1"), new Noted("2")));
        int writers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return store.append("race", ExpectedVersion.of(3), List.of(new Noted("w" + n)));
                    } catch (WrongExpectedVersionException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(AppendResult.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(WrongExpectedVersionException.class::isInstance).hasSize(writers - 1)
                    .allSatisfy(e -> assertThat(((Exception) e).getMessage()).contains("'race'").contains("version 3"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.version("race")).isEqualTo(4);
        assertThat(store.readStream("race", 0)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L);
        assertThatThrownBy(() -> store.append("race", ExpectedVersion.noStream(), List.of(new Noted("x"))))
                .isInstanceOf(WrongExpectedVersionException.class);
    }

    /**
     * Marten PR #4977 made deterministic: a writer holds its transaction open with its event inserted
     * while later writers commit; the projection does not pass it, and projects it once it commits.
     */
    @Test
    void aProjectionNeverPassesAnOpenWriterAndProjectsItsEventOnceItCommits() throws Exception {
        Recording recording = new Recording();
        ProjectionRunner runner = events.projection("main", "gap_view", recording);
        runner.runOnce();
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<AppendResult> slowAppend = slow.submit(() -> opened.transactions().inTransaction("main", tx -> {
                AppendResult appended = store.append(tx, "slow", ExpectedVersion.any(), List.of(new Noted("slow")),
                        EventMetadata.none());
                reserved.countDown();
                release.await();
                return appended;
            }));
            assertThat(reserved.await(60, TimeUnit.SECONDS)).isTrue();
            AppendResult fast1 = store.append("fast", ExpectedVersion.any(), List.of(new Noted("fast-1")));
            AppendResult fast2 = store.append("fast", ExpectedVersion.any(), List.of(new Noted("fast-2")));
            assertThat(runner.runOnce()).isZero();
            assertThat(store.readAll(Position.START, 100)).isEmpty();
            assertThat(events.status("main", "gap_view").liveness()).isIn(ProjectionStatus.Liveness.WAITING_FOR_TRANSACTION,
                    ProjectionStatus.Liveness.NO_OWNER);
            assertThat(events.awaitProjected("main", "gap_view", fast2.position(), Duration.ofMillis(50))).isFalse();

            release.countDown();
            AppendResult slowResult = slowAppend.get(60, TimeUnit.SECONDS);
            assertThat(runner.runOnce()).isEqualTo(3);
            assertThat(recording.streams()).containsExactly("slow", "fast", "fast");
            assertThat(slowResult.position()).isLessThan(fast1.position());
            assertThat(events.awaitProjected("main", "gap_view", fast2.position(), WAIT)).isTrue();
            assertThat(runner.runOnce()).isZero();
        } finally {
            release.countDown();
            slow.shutdownNow();
        }
    }

    @Test
    void aRolledBackWriterReleasesTheWatermarkAndLeavesNothing() {
        Recording recording = new Recording();
        ProjectionRunner runner = events.projection("main", "rollback_view", recording);
        assertThatThrownBy(() -> opened.transactions().inTransaction("main", tx -> {
            store.append(tx, "gone", ExpectedVersion.any(), List.of(new Noted("gone")), EventMetadata.none());
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");
        store.append("kept", ExpectedVersion.any(), List.of(new Noted("kept")));
        assertThat(runner.runOnce()).isEqualTo(1);
        assertThat(recording.streams()).containsExactly("kept");
        assertThat(store.version("gone")).isZero();
    }

    @Test
    void oldSchemaVersionsAreUpcastWhenRead() {
        events.types().register(Renamed.class, "Renamed", 1);
        store.append("up", ExpectedVersion.any(), List.of(new Renamed("Ada")));
        try (EventFixtures.Opened later = EventFixtures.open(fresh, EventFixtures.SETTINGS)) {
            later.events().types().register(RenamedV2.class, "Renamed", 2).upcaster("Renamed", 1, json -> {
                json.put("fullName", json.remove("name").asText() + " Lovelace");
                return json;
            });
            RecordedEvent read = later.events().store("main").readStream("up", 0).get(0);
            assertThat(read.schemaVersion()).isEqualTo(1);
            assertThat(read.data(RenamedV2.class)).isEqualTo(new RenamedV2("Ada Lovelace"));
        }
    }

    record Renamed(String name) {
    }

    record RenamedV2(String fullName) {
    }

    @Test
    void aPoisonEventPausesTheProjectionNamingItAndResumeGoesOn() {
        Recording recording = new Recording();
        ProjectionRunner runner = events.projection("main", "poison_view", recording).start();
        store.append("p", ExpectedVersion.any(), List.of(new Noted("before"), new Poison("bad data"), new Noted("after")));
        ProjectionStatus paused = Await.until(WAIT, "the projection to pause", () -> events.status("main", "poison_view"),
                s -> s.liveness() == ProjectionStatus.Liveness.PAUSED);
        assertThat(paused.pausedOn()).hasValueSatisfying(reason -> assertThat(reason).contains("p@2").contains("Poison")
                .contains("bad data"));
        assertThat(paused.projected()).isEqualTo(1);
        assertThat(opened.registry().get("cairn.events.projection.paused").tag("projection", "poison_view").gauge().value())
                .isEqualTo(1.0);
        assertThatThrownBy(() -> events.awaitProjected("main", "poison_view", store.head().orElseThrow(), WAIT))
                .hasMessageContaining("paused").hasMessageContaining("p@2");
        recording.failOnPoison = false;
        events.resume("main", "poison_view");
        assertThat(events.awaitProjected("main", "poison_view", store.head().orElseThrow(), WAIT)).isTrue();
        assertThat(rows("SELECT stream FROM poison_view ORDER BY n")).hasSize(3); // the in-memory list also saw rolled-back tries
        runner.stop();
    }

    @Test
    void aRebuildAsideEqualsTheIncrementalProjectionAndSwapsTheView() {
        Recording recording = new Recording();
        List<ProjectedBatch> batches = new CopyOnWriteArrayList<>();
        events.onProjected(batches::add);
        ProjectionRunner runner = events.projection("main", "rebuild_view", recording);
        for (int i = 0; i < 5; i++) {
            store.append("s" + (i % 2), ExpectedVersion.any(), List.of(new Noted("a" + i), new Noted("b" + i)));
            runner.runOnce();
        }
        List<List<Object>> before = rows("SELECT event_id::text, stream, tx_id, seq FROM rebuild_view ORDER BY n");
        assertThat(before).hasSize(10);
        assertThat(batches).isNotEmpty().allSatisfy(b -> assertThat(b.tags()).isNotEmpty());
        assertThat(events.rebuild("main", "rebuild_view")).isEqualTo(2);
        store.append("s9", ExpectedVersion.any(), List.of(new Noted("during rebuild")));
        Await.until(WAIT, "the rebuilt generation to be swapped in", () -> {
            runner.runOnce();
            return events.status("main", "rebuild_view").generation() == 2;
        });
        runner.runOnce();
        List<List<Object>> after = rows("SELECT event_id::text, stream, tx_id, seq FROM rebuild_view ORDER BY n");
        assertThat(after).hasSize(11).startsWith(before.toArray(new List[0]));
        assertThat(rows("SELECT 1 FROM pg_class WHERE relname = 'rebuild_view_g1'")).isEmpty();
    }

    @Test
    void theCommandBusValidatesHandlesOnceAndSnapshots() {
        List<String> committed = new CopyOnWriteArrayList<>();
        CommandBus bus = events.commands()
                .validator(PlaceOrder.class, cmd -> {
                    if (cmd.customer().isBlank()) {
                        throw new CommandRejectedException("order " + cmd.id() + ": no customer");
                    }
                })
                .handler(PlaceOrder.class, (cmd, ctx) -> {
                    ctx.load(Order.class, cmd.id()).place(cmd.customer());
                    ctx.tx().execute("CREATE TABLE IF NOT EXISTS customers_seen (id text PRIMARY KEY)");
                    ctx.tx().execute("INSERT INTO customers_seen VALUES (?) ON CONFLICT DO NOTHING", cmd.customer());
                    ctx.tx().afterCommit(() -> committed.add(cmd.id()));
                })
                .handler(ShipOrder.class, (cmd, ctx) -> ctx.load(Order.class, cmd.id()).ship())
                .build();
        assertThatThrownBy(() -> bus.send(new PlaceOrder("1", " "))).isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("no customer");
        assertThat(store.version("Order-1")).isZero();

        CommandResult placed = bus.send("cmd-1", new PlaceOrder("1", "ada"));
        CommandResult again = bus.send("cmd-1", new PlaceOrder("1", "ada"));
        assertThat(placed.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.position()).isEqualTo(placed.position());
        assertThat(committed).containsExactly("1");
        assertThat(store.version("Order-1")).isEqualTo(1);

        CommandResult shipped = bus.send("cmd-2", new ShipOrder("1"));
        assertThat(shipped.appended()).singleElement().satisfies(a -> assertThat(a.toVersion()).isEqualTo(2));
        assertThatThrownBy(() -> bus.send("cmd-3", new ShipOrder("1"))).isInstanceOf(CommandRejectedException.class);
        assertThat(rows("SELECT version FROM cairn_event_snapshots WHERE stream_id = 'Order-1'"))
                .containsExactly(List.of(2L));
        RecordedEvent event = store.readStream("Order-1", 1).get(0);
        assertThat(event.metadata().causationId()).contains("cmd-2");
        assertThat(event.data()).isEqualTo(new OrderShipped("1"));
        assertThat(rows("SELECT count(*) FROM customers_seen")).containsExactly(List.of(1L));
    }

    @Test
    void multiStreamAppendIsAtomic() {
        assertThatThrownBy(() -> opened.transactions().inTransaction("main", tx -> {
            store.append(tx, "m1", ExpectedVersion.any(), List.of(new Noted("1")), EventMetadata.none());
            return store.append(tx, "m2", ExpectedVersion.of(7), List.of(new Noted("2")), EventMetadata.none());
        })).isInstanceOf(WrongExpectedVersionException.class);
        assertThat(store.version("m1")).isZero();
        opened.transactions().inTransaction("main", tx -> {
            store.append(tx, "m1", ExpectedVersion.noStream(), List.of(new Noted("1")), EventMetadata.newCorrelation());
            return store.append(tx, "m2", ExpectedVersion.noStream(), List.of(new Noted("2")), EventMetadata.none());
        });
        List<RecordedEvent> all = store.readAll(Position.START, 10);
        assertThat(all).extracting(RecordedEvent::stream).containsExactly("m1", "m2");
        assertThat(all.get(0).position().transaction()).isEqualTo(all.get(1).position().transaction());
    }

    List<List<Object>> rows(String sql) {
        return opened.databases().query("main", sql).rows();
    }
}
