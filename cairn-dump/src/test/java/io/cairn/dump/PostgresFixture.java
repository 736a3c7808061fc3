package io.cairn.dump;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import io.cairn.testkit.PostgresExtension;

/** A small shop schema with every kind of object a dump must carry, and per-table checksums. */
final class PostgresFixture {
    static final String[] TABLES = {"customers", "orders", "audit"};

    private PostgresFixture() {
    }

    static Connection connect(PostgresExtension pg, String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
    }

    static void createShop(PostgresExtension pg, String database, int customers) throws SQLException {
        try (Connection c = connect(pg, database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, "
                    + "created timestamptz NOT NULL DEFAULT '2024-01-01T00:00:00Z')");
            s.execute("CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "customer_id int NOT NULL REFERENCES customers(id), amount numeric(12,2) NOT NULL, "
                    + "payload jsonb, blob bytea, status text NOT NULL DEFAULT 'new')");
            s.execute("CREATE INDEX orders_status_idx ON orders (status, amount)");
            s.execute("CREATE TABLE audit (id bigserial PRIMARY KEY, note text)");
            s.execute("CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 500");
            s.execute("CREATE FUNCTION audit_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO audit(note) VALUES ('order ' || NEW.id); RETURN NEW; END $$");
            s.execute("CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_order()");
            s.execute("INSERT INTO customers (name, email) SELECT 'customer ' || i, 'c' || i || '@example.com' "
                    + "FROM generate_series(1, " + customers + ") i");
            s.execute("INSERT INTO orders (customer_id, amount, payload, blob) SELECT 1 + (i % " + customers + "), "
                    + "(i * 7919 % 100000) / 100.0, jsonb_build_object('n', i, 'tags', jsonb_build_array('a', i % 5)), "
                    + "decode(md5(i::text), 'hex') FROM generate_series(1, " + (customers * 3) + ") i");
        }
    }

    /** Table → "rows:md5 of all rows in a stable order". */
    static Map<String, String> checksums(PostgresExtension pg, String database, String... tables) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = connect(pg, database); Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                        + table + " t")) {
                    r.next();
                    sums.put(table, r.getLong(1) + ":" + r.getString(2));
                }
            }
        }
        return sums;
    }

    static long count(PostgresExtension pg, String database, String sql) throws SQLException {
        try (Connection c = connect(pg, database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static void execute(PostgresExtension pg, String database, String sql) throws SQLException {
        try (Connection c = connect(pg, database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
