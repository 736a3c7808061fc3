package io.cairn;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.Await;
import io.cairn.tx.Outbox;
import io.cairn.tx.OutboxDispatcher;
import io.cairn.tx.OutboxMessage;
import io.cairn.tx.Transactions;
import io.cairn.tx.TxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example of docs/transactions.md, through the facade, on a real PostgreSQL. */
class TransactionsSnippetTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().systemBinaries(15).build();

    record Order(long id, long total) {
    }

    @Test
    void theDocumentedExampleRuns() {
        String yaml = "databases:\n  main: { type: postgresql, url: \"" + pg.cairnUrl() + "\""
                + (pg.password().isEmpty() ? "" : ", password: \"${PW}\"") + " }\n";
        CairnConfig config = CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of("PW", pg.password())));
        try (Cairn cairn = Cairn.configure(config).open()) {
            cairn.databases().execute("main", "CREATE TABLE stock (sku text PRIMARY KEY, n int)");
            cairn.databases().execute("main", "INSERT INTO stock VALUES ('A-1', 10)");
            cairn.databases().execute("main", "CREATE TABLE audit (sku text)");
            cairn.databases().execute("main", "CREATE TABLE orders (id bigint PRIMARY KEY, total bigint)");
            cairn.databases().execute("main", "INSERT INTO orders VALUES (42, 990)");

            Transactions tx = cairn.transactions();
            Order o = tx.inTransaction("main", TxOptions.serializable().retries(5).timeout(Duration.ofSeconds(5)), t -> {
                t.execute("UPDATE stock SET n = n - ? WHERE sku = ?", 1, "A-1");
                t.savepoint(s -> s.execute("INSERT INTO audit (sku) VALUES (?)", "A-1"));      // rolled back alone on failure
                return t.queryOne("SELECT id, total FROM orders WHERE id = ?", Order.class, 42);
            });

            assertThat(o).isEqualTo(new Order(42, 990));
            assertThat(cairn.databases().query("main", "SELECT n FROM stock").firstValue()).contains(9);
            assertThat(cairn.databases().query("main", "SELECT count(*) FROM audit").firstValue()).contains(1L);
        }
    }

    /** The outbox through the facade, with a transactions.outbox section read by ConfiguredSections. */
    @Test
    void theOutboxDeliversACommittedMessageThroughTheFacade() {
        String yaml = "databases:\n  main: { type: postgresql, url: \"" + pg.cairnUrl() + "\""
                + (pg.password().isEmpty() ? "" : ", password: \"${PW}\"") + " }\n"
                + "transactions:\n  outbox: { table: facade_outbox, poll-interval: 1h }\n";
        CairnConfig config = CairnConfig.parse(yaml, "cairn.yaml", Environment.of(Map.of("PW", pg.password())));
        try (Cairn cairn = Cairn.configure(config).open()) {
            Outbox outbox = cairn.transactions().outbox("main");
            List<OutboxMessage> received = new CopyOnWriteArrayList<>();
            try (OutboxDispatcher dispatcher = outbox.start(received::add)) {
                String id = cairn.transactions().inTransaction("main", t -> t.outbox("orders", "42", "{\"paid\":true}"));
                Await.until(Duration.ofSeconds(30), "the committed message delivered", () -> received.size() == 1);
                assertThat(received.get(0).messageId()).isEqualTo(id);
                assertThat(dispatcher.db()).isEqualTo("main");
            }
            assertThat(cairn.databases().query("main", "SELECT count(*) FROM facade_outbox WHERE delivered_ms IS NOT NULL")
                    .firstValue()).contains(1L);
        }
    }
}
