package io.cairn.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.Await;
import io.cairn.testkit.PostgresExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The events contract on PostgreSQL 15, and the crash suite: writers with random-length
 * transactions, some rolled back, while two projection daemons in child JVMs are killed (-9) and
 * restarted; the projected set equals the committed set, each event once, in global order, and
 * ownership moves to the survivor after each kill.
 */
class Postgres15EventsTest extends EventsContract {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().systemBinaries(15).build();

    @Override
    PostgresExtension pg() {
        return pg;
    }

    @Test
    void daemonsKilledWithMinus9ProjectEveryCommittedEventExactlyOnceInOrder() throws Exception {
        store.append("seed", ExpectedVersion.any(), List.of(new TestEvents.Noted("seed"))); // tables exist before the children
        List<Process> children = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        AtomicInteger rolledBack = new AtomicInteger();
        try {
            children.add(startChild());
            children.add(startChild());
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                work.add(writers.submit(() -> write(writer, 25, rolledBack)));
            }
            for (int round = 0; round < 3; round++) {
                int kill = round;
                String owner = Await.until(WAIT, "a daemon to own crash_view",
                        () -> events.status("main", "crash_view").owner(), o -> o.isPresent()).orElseThrow();
                Process victim = children.stream().filter(p -> owner.endsWith("/" + p.pid())).findFirst()
                        .orElseThrow(() -> new AssertionError("owner " + owner + " is none of the children"));
                Await.until(WAIT, "the owner to project something", () -> events.status("main", "crash_view").projected() > kill);
                victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                children.remove(victim);
                String next = Await.until(WAIT, "the survivor to take over", () -> events.status("main", "crash_view").owner(),
                        o -> o.isPresent() && !o.get().equals(owner)).orElseThrow();
                assertThat(next).doesNotEndWith("/" + victim.pid());
                children.add(startChild());
            }
            for (Future<?> done : work) {
                done.get(120, TimeUnit.SECONDS);
            }
            Position head = store.head().orElseThrow();
            assertThat(events.awaitProjected("main", "crash_view", head, WAIT)).isTrue();
        } finally {
            writers.shutdownNow();
            for (Process child : children) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertThat(rolledBack.get()).isPositive();
        List<List<Object>> committed = rows("SELECT event_id::text FROM cairn_events ORDER BY tx_id, seq");
        List<List<Object>> projected = rows("SELECT event_id::text FROM crash_view ORDER BY n");
        assertThat(projected).hasSize(committed.size()).isEqualTo(committed);
        assertThat(events.status("main", "crash_view").projected()).isEqualTo(committed.size());
    }

    private void write(int writer, int transactions, AtomicInteger rolledBack) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int t = 0; t < transactions; t++) {
            boolean rollBack = random.nextInt(5) == 0;
            int count = 1 + random.nextInt(4);
            double pause = random.nextInt(40) / 1000.0;
            try {
                opened.transactions().inTransaction("main", tx -> {
                    List<Object> batch = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        batch.add(new TestEvents.Noted("w" + writer + "-" + i));
                    }
                    store.append(tx, "writer-" + writer + "-" + random.nextInt(3), ExpectedVersion.any(), batch,
                            EventMetadata.none());
                    tx.query("SELECT pg_sleep(?)", pause); // a transaction of random length, event reserved
                    if (rollBack) {
                        throw new IllegalStateException("rolled back on purpose");
                    }
                    return null;
                });
            } catch (IllegalStateException e) {
                rolledBack.incrementAndGet();
            }
        }
    }

    private Process startChild() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ProjectionDaemonChild.class.getName()).redirectErrorStream(true);
        builder.environment().put("EVENTS_URL", fresh.cairnUrl());
        builder.environment().put("EVENTS_PASSWORD", fresh.password());
        Process child = builder.start();
        String line = CompletableFuture.supplyAsync(() -> firstLine(child, "STARTED ")).get(60, TimeUnit.SECONDS);
        assertThat(line).isEqualTo("STARTED " + child.pid());
        CompletableFuture.runAsync(() -> drain(child));
        return child;
    }

    private static void drain(Process child) {
        try (var in = child.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            // the child was killed
        }
    }

    private static String firstLine(Process child, String prefix) {
        StringBuilder seen = new StringBuilder();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the child ended without printing '" + prefix + "':\n" + seen);
    }
}
