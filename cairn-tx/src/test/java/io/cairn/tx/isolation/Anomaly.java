package io.cairn.tx.isolation;

import io.cairn.tx.isolation.Session.Step;
import java.util.Map;
import java.util.Objects;

/**
 * The Hermitage tests (github.com/ept/hermitage, postgres.md and mysql.md), each as the same
 * interleaving of two or three sessions. Each returns true when the anomaly happened: a read saw
 * what the level forbids, or two transactions that must not both commit did. A statement that
 * failed (serialization failure, deadlock) or waited counts as the database preventing it.
 * Every test starts from {@code test(id, value) = (1, 10), (2, 20)}.
 */
enum Anomaly {
    G0("write cycles") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("update test set value = 11 where id = 1");
            Step blocked = t2.submit("update test set value = 12 where id = 1");
            t1.submit("update test set value = 21 where id = 2");
            t1.commit().ok();
            blocked.ok();
            t2.submit("update test set value = 22 where id = 2");
            t2.commit().ok();
            Map<Integer, Integer> end = s.finalRows();
            // the two rows must come from the same transaction
            return !(end.equals(Map.of(1, 11, 2, 21)) || end.equals(Map.of(1, 12, 2, 22)));
        }
    },
    G1A("aborted reads") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("update test set value = 101 where id = 1");
            Step first = t2.submit("select id, value from test");
            t1.abort();
            Step second = t2.submit("select id, value from test");
            t2.commit();
            return sees(first, 1, 101) || sees(second, 1, 101);
        }
    },
    G1B("intermediate reads") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("update test set value = 101 where id = 1");
            Step first = t2.submit("select id, value from test");
            t1.submit("update test set value = 11 where id = 1");
            t1.commit();
            Step second = t2.submit("select id, value from test");
            t2.commit();
            return sees(first, 1, 101) || sees(second, 1, 101);
        }
    },
    G1C("circular information flow") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("update test set value = 11 where id = 1");
            t2.submit("update test set value = 22 where id = 2");
            Step t1Reads = t1.submit("select id, value from test where id = 2");
            Step t2Reads = t2.submit("select id, value from test where id = 1");
            t1.commit();
            t2.commit();
            return sees(t1Reads, 2, 22) || sees(t2Reads, 1, 11);
        }
    },
    OTV("observed transaction vanishes") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            Session t3 = s.session("T3");
            t1.submit("update test set value = 11 where id = 1");
            t1.submit("update test set value = 19 where id = 2");
            Step blocked = t2.submit("update test set value = 12 where id = 1");
            t1.commit().ok();
            blocked.ok();
            Step x = t3.submit("select id, value from test where id = 1");
            t2.submit("update test set value = 18 where id = 2");
            Step y = t3.submit("select id, value from test where id = 2");
            t2.commit();
            Step y2 = t3.submit("select id, value from test where id = 2");
            Step x2 = t3.submit("select id, value from test where id = 1");
            t3.commit();
            // T3 saw T1 (x = 11) and then lost T1's other write, or saw T2's y without T2's x
            return (sees(x, 1, 11) && (sees(y, 2, 20) || sees(y2, 2, 20))) || (sees(y2, 2, 18) && sees(x2, 1, 11));
        }
    },
    PMP("predicate-many-preceders") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("select id, value from test where value = 30");
            t2.submit("insert into test (id, value) values (3, 30)");
            t2.commit();
            Step again = t1.submit("select id, value from test where value % 3 = 0");
            t1.commit();
            return sees(again, 3, 30);
        }
    },
    P4("lost update") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("select id, value from test where id = 1");
            t2.submit("select id, value from test where id = 1");
            t1.submit("update test set value = 11 where id = 1");
            t2.submit("update test set value = 11 where id = 1");
            Step c1 = t1.commit();
            Step c2 = t2.commit();
            return c1.ok() && c2.ok();
        }
    },
    G_SINGLE("read skew") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            Step x = t1.submit("select id, value from test where id = 1");
            t2.submit("select id, value from test where id = 1");
            t2.submit("select id, value from test where id = 2");
            t2.submit("update test set value = 12 where id = 1");
            t2.submit("update test set value = 18 where id = 2");
            t2.commit();
            Step y = t1.submit("select id, value from test where id = 2");
            t1.commit();
            return sees(x, 1, 10) && sees(y, 2, 18);
        }
    },
    G2_ITEM("write skew") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("select id, value from test where id in (1, 2)");
            t2.submit("select id, value from test where id in (1, 2)");
            t1.submit("update test set value = 11 where id = 1");
            t2.submit("update test set value = 21 where id = 2");
            Step c1 = t1.commit();
            Step c2 = t2.commit();
            return c1.ok() && c2.ok();
        }
    },
    G2("anti-dependency cycles") {
        @Override
        boolean happens(Scenario s) {
            Session t1 = s.session("T1");
            Session t2 = s.session("T2");
            t1.submit("select id, value from test where value % 3 = 0");
            t2.submit("select id, value from test where value % 3 = 0");
            t1.submit("insert into test (id, value) values (3, 30)");
            t2.submit("insert into test (id, value) values (4, 42)");
            Step c1 = t1.commit();
            Step c2 = t2.commit();
            return c1.ok() && c2.ok();
        }
    };

    private final String description;

    Anomaly(String description) {
        this.description = description;
    }

    /** The name used in Hermitage and in the docs table: G0, G1a, …, G-single, G2-item. */
    String label() {
        return switch (this) {
            case G1A -> "G1a";
            case G1B -> "G1b";
            case G1C -> "G1c";
            case G_SINGLE -> "G-single";
            case G2_ITEM -> "G2-item";
            default -> name();
        };
    }

    String description() {
        return description;
    }

    abstract boolean happens(Scenario scenario);

    static boolean sees(Step read, int id, int value) {
        Map<Integer, Integer> rows = read.rows();
        return rows != null && Objects.equals(rows.get(id), value);
    }
}
