package io.cairn.cli;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.cairn.core.DataManager;

/** The small sample schema quickstart creates: customers and their orders, written in batches. */
final class SampleShop {
    static final String SUMMARY_QUERY = """
            SELECT c.name AS customer, count(o.id) AS orders, (coalesce(sum(o.total_cents), 0) / 100.0)::numeric(12, 2) AS total
            FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
            GROUP BY c.name ORDER BY c.name""";

    private static final String[] CUSTOMERS = {"Ada Lovelace", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"};

    private SampleShop() {
    }

    /** Creates the tables and the customers, with bound parameters. */
    static void create(DataManager dm, String db) {
        dm.execute(db, """
                CREATE TABLE customers (
                    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name  text NOT NULL UNIQUE,
                    since timestamptz NOT NULL DEFAULT now())""");
        dm.execute(db, """
                CREATE TABLE orders (
                    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    customer_id bigint NOT NULL REFERENCES customers(id),
                    total_cents bigint NOT NULL CHECK (total_cents >= 0),
                    placed_at   timestamptz NOT NULL DEFAULT clock_timestamp())""");
        for (String customer : CUSTOMERS) {
            dm.execute(db, "INSERT INTO customers(name) VALUES (?)", customer);
        }
    }

    /** One batch of orders (customer i gets i+1 orders); returns the server's time after the commit. */
    static Instant placeOrders(DataManager dm, String db, int batch) {
        for (int i = 0; i < CUSTOMERS.length; i++) {
            for (int n = 0; n <= i; n++) {
                dm.execute(db, "INSERT INTO orders(customer_id, total_cents) SELECT id, ? FROM customers WHERE name = ?",
                        1250L * (n + 1) + 99L * i + batch, CUSTOMERS[i]);
            }
        }
        return serverTime(dm, db);
    }

    static long orderCount(DataManager dm, String db) {
        return ((Number) dm.query(db, "SELECT count(*) FROM orders").firstValue().orElse(0L)).longValue();
    }

    static Instant serverTime(DataManager dm, String db) {
        Object value = dm.query(db, "SELECT clock_timestamp()").firstValue().orElseThrow();
        return value instanceof OffsetDateTime time ? time.toInstant() : Instant.parse(value.toString());
    }
}
