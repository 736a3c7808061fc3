package io.cairn.tx.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.retry.Backoff;
import io.cairn.testkit.Await;
import io.cairn.testkit.TestClock;
import io.cairn.tx.DispatchResult;
import io.cairn.tx.Outbox;
import io.cairn.tx.OutboxDispatcher;
import io.cairn.tx.OutboxSettings;
import io.cairn.tx.OutboxStatus;
import io.cairn.tx.Transactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the outbox promises, run on PostgreSQL and on MariaDB (subclasses give the servers). */
abstract class OutboxContract {
    static final Duration WAIT = Duration.ofSeconds(30);

    TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OutboxSettings settings = OutboxSettings.defaults().withBackoff(Backoff.fixed(Duration.ofSeconds(10))).withMaxAttempts(3)
            .withPollInterval(Duration.ofHours(1));
    DataManager dm;
    Transactions tx;
    Outbox outbox;
    List<AutoCloseable> closing = new ArrayList<>();

    /** A fresh database (and the other servers) for this test. */
    abstract OutboxFixtures.Servers servers();

    @BeforeEach
    void open() {
        dm = servers().open(4);
        tx = OutboxFixtures.transactions(dm, clock, settings, registry);
        outbox = tx.outbox("main");
        outbox.ensureSchema();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        tx.close();
        dm.close();
    }

    DispatchResult drain(io.cairn.tx.OutboxHandler handler) {
        int delivered = 0;
        int failed = 0;
        List<String> parked = new ArrayList<>();
        DispatchResult pass;
        do {
            pass = outbox.dispatchOnce(handler);
            delivered += pass.delivered();
            failed += pass.failed();
            parked.addAll(pass.parked());
        } while (pass.claimed() > 0 && pass.failed() == 0 && pass.parked().isEmpty());
        return new DispatchResult("main", delivered, failed, parked);
    }

    @Test
    void aRolledBackTransactionDeliversNothingAndACommittedOneExactlyItsMessages() {
        assertThatThrownBy(() -> tx.inTransaction("main", t -> {
            t.outbox("orders", "1", "{\"rolled\":\"back\"}");
            throw new IllegalStateException("no");
        })).hasMessage("no");
        List<String> ids = tx.inTransaction("main", t -> List.of(t.outbox("orders", "1", "a1"), t.outbox("orders", "2", "b1"),
                t.outbox("orders", "1", "a2"), t.outbox("invoices", "1", "c1")));

        OutboxFixtures.Receiver receiver = new OutboxFixtures.Receiver();
        DispatchResult result = drain(receiver);

        assertThat(result.delivered()).isEqualTo(4);
        assertThat(receiver.deliveries).extracting(m -> m.messageId()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.appliedPayloads("1")).containsSubsequence("a1", "a2").contains("c1").doesNotContain("{\"rolled\":\"back\"}");
        assertThat(receiver.deliveries).allSatisfy(m -> {
            assertThat(m.db()).isEqualTo("main");
            assertThat(m.attempt()).isEqualTo(1);
            assertThat(m.createdAt()).isEqualTo(clock.instant());
        });
        assertThat(outbox.dispatchOnce(receiver).claimed()).isZero();
        assertThat(outbox.status()).isEqualTo(new OutboxStatus("main", 0, 0, java.util.Optional.empty()));
        assertThat(registry.get("cairn.outbox.delivered").tag("db", "main").counter().count()).isEqualTo(4.0);
    }

    @Test
    void aFailingHandlerIsRetriedAfterTheBackoffAndLaterMessagesOfItsKeyWait() {
        tx.inTransaction("main", t -> List.of(t.outbox("orders", "k", "k1"), t.outbox("orders", "k", "k2"),
                t.outbox("orders", "other", "o1")));
        OutboxFixtures.Receiver receiver = new OutboxFixtures.Receiver();
        receiver.failuresLeft.put("k", new AtomicInteger(1));

        DispatchResult first = outbox.dispatchOnce(receiver);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.delivered()).isEqualTo(1);
        // not due before the backoff has passed on the clock, and k2 waits behind k1
        assertThat(outbox.dispatchOnce(receiver).claimed()).isZero();
        assertThat(outbox.status().pending()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(9));
        assertThat(outbox.status().oldestPendingAge()).contains(Duration.ofSeconds(9));
        assertThat(outbox.dispatchOnce(receiver).claimed()).isZero();

        clock.advance(Duration.ofSeconds(1));
        drain(receiver);
        assertThat(receiver.appliedPayloads("k")).containsExactly("k1", "k2");
        assertThat(receiver.deliveries.stream().filter(m -> m.payload().equals("k1")).map(m -> m.attempt()))
                .containsExactly(1, 2);
        assertThat(registry.get("cairn.outbox.failures").tag("db", "main").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aPoisonMessageIsParkedWithoutHoldingBackOtherKeysAndCanBeRetried() {
        String poison = tx.inTransaction("main", t -> {
            String id = t.outbox("orders", "bad", "p1");
            t.outbox("orders", "bad", "p2");
            return id;
        });
        OutboxFixtures.Receiver receiver = new OutboxFixtures.Receiver();
        receiver.failuresLeft.put("bad", new AtomicInteger(3));
        for (int attempt = 1; attempt <= 3; attempt++) {
            tx.inTransaction("main", t -> t.outbox("orders", "good", "g"));
            DispatchResult pass = drain(receiver);
            assertThat(pass.delivered()).isEqualTo(1);
            assertThat(pass.parked()).isEqualTo(attempt == 3 ? List.of(poison) : List.of());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(outbox.status().parked()).isEqualTo(1);
        assertThat(outbox.status().pending()).isEqualTo(1);
        assertThat(outbox.parked()).singleElement().satisfies(p -> {
            assertThat(p.messageId()).isEqualTo(poison);
            assertThat(p.attempts()).isEqualTo(3);
            assertThat(p.lastError()).contains("receiver down for key bad");
        });
        assertThat(outbox.dispatchOnce(receiver).claimed()).isZero();

        assertThat(outbox.retry(poison)).isTrue();
        drain(receiver);
        assertThat(receiver.appliedPayloads("bad")).containsExactly("p1", "p2");
        assertThat(outbox.status().parked()).isZero();
        assertThat(registry.get("cairn.outbox.parked").tag("db", "main").counter().count()).isEqualTo(1.0);
        assertThat(outbox.purge()).isZero();
        clock.advance(settings.retention().plusSeconds(1));
        assertThat(outbox.purge()).isEqualTo(5);
    }

    @Test
    void aCommitNudgesARunningDispatcher() {
        OutboxFixtures.Receiver receiver = new OutboxFixtures.Receiver();
        OutboxDispatcher dispatcher = outbox.start(receiver);
        closing.add(dispatcher);
        // the poll interval is an hour: only the after-commit nudge can bring these
        for (int i = 0; i < 3; i++) {
            String id = tx.inTransaction("main", t -> t.outbox("orders", "n", "x"));
            Await.until(WAIT, "message " + id + " delivered by the nudged dispatcher",
                    () -> receiver.applied.containsKey(id));
        }
    }

    @Test
    void twoDispatchersNeverDeliverOneKeyAtOnceAndDeliverEachMessageOnce() throws Exception {
        int messages = 120;
        for (int i = 0; i < messages; i += 20) {
            int from = i;
            tx.inTransaction("main", t -> {
                for (int j = from; j < from + 20; j++) {
                    t.outbox("orders", "k" + (j % 6), Integer.toString(j));
                }
                return null;
            });
        }
        OutboxFixtures.Receiver receiver = new OutboxFixtures.Receiver();
        DataManager otherProcess = servers().open(4);
        closing.add(otherProcess);
        // small batches and a short poll, so both dispatchers keep claiming while the other holds rows
        OutboxSettings small = settings.withBatchSize(3).withPollInterval(Duration.ofMillis(20));
        Transactions other = OutboxFixtures.transactions(otherProcess, clock, small, new SimpleMeterRegistry());
        closing.add(other);
        Transactions mine = OutboxFixtures.transactions(dm, clock, small, new SimpleMeterRegistry());
        closing.add(mine);
        OutboxDispatcher a = mine.outbox("main").start(receiver);
        OutboxDispatcher b = other.outbox("main").start(receiver);
        closing.add(a);
        closing.add(b);
        Await.until(WAIT, "all messages applied", () -> receiver.applied.size() == messages);
        assertThat(receiver.overlaps).isEmpty();
        assertThat(receiver.deliveries).hasSize(messages);
        for (int k = 0; k < 6; k++) {
            List<Integer> order = receiver.appliedPayloads("k" + k).stream().map(Integer::valueOf).toList();
            assertThat(order).isSorted().hasSize(messages / 6);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> tx.inTransaction("main", t -> t.outbox("", "k", "p")))
                .isInstanceOf(CairnException.class).hasMessageContaining("database 'main': outbox topic must be 1-200 characters");
    }
}
