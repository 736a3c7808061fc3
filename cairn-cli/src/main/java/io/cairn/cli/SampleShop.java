package io.cairn.cli;

import io.cairn.core.DataManager;

/** The small sample schema quickstart creates: customers and their orders. */
final class SampleShop {
    static final String SUMMARY_QUERY = """
            SELECT c.name AS customer, count(o.id) AS orders, (coalesce(sum(o.total_cents), 0) / 100.0)::numeric(12, 2) AS total
            FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
            GROUP BY c.name ORDER BY c.name""";

    private static final String[] CUSTOMERS = {"Ada Lovelace", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"};

    private SampleShop() {
    }

    /** Creates the tables and inserts rows with bound parameters; returns the number of orders. */
    static Integer create(DataManager dm, String db) {
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
                    placed_at   timestamptz NOT NULL DEFAULT now())""");
        int orders = 0;
        for (int i = 0; i < CUSTOMERS.length; i++) {
            dm.execute(db, "INSERT INTO customers(name) VALUES (?)", CUSTOMERS[i]);
            for (int n = 0; n <= i; n++) {
                dm.execute(db, "INSERT INTO orders(customer_id, total_cents) "
                        + "SELECT id, ? FROM customers WHERE name = ?", 1250L * (n + 1) + 99L * i, CUSTOMERS[i]);
                orders++;
            }
        }
        return orders;
    }
}
