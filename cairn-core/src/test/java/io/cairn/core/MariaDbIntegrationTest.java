package io.cairn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.testkit.MariaDbExtension;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbIntegrationTest {
    @RegisterExtension
    static final MariaDbExtension maria = MariaDbExtension.create();

    private final TestConfigs.RecordingSleeper sleeper = new TestConfigs.RecordingSleeper();
    private DataManager dm;

    @BeforeEach
    void open() {
        dm = DataManager.builder(TestConfigs.databases().add("legacy", "mariadb", maria).config()).sleeper(sleeper).open();
    }

    @AfterEach
    void close() {
        dm.close();
    }

    @Test
    void queriesAndExecutesWithBoundParameters() {
        dm.execute("legacy", "CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, customer VARCHAR(100), placed DATE)");
        dm.execute("legacy", "DELETE FROM orders");
        String hostile = "x'); DROP TABLE orders; --";

        long inserted = dm.execute("legacy", "INSERT INTO orders VALUES (?, ?, ?), (?, ?, ?)",
                1, hostile, LocalDate.of(2024, 2, 29), 2, "Bo", null);
        QueryResult byName = dm.query("legacy", "SELECT id, customer, placed FROM orders WHERE customer = ?", hostile);

        assertThat(inserted).isEqualTo(2);
        assertThat(byName.rowMaps()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("id", 1).containsEntry("customer", hostile).containsEntry("placed", LocalDate.of(2024, 2, 29)));
        assertThat(dm.query("legacy", "SELECT placed FROM orders WHERE id = ?", 2).rows().get(0)).containsOnlyNulls();
        assertThat(dm.execute("legacy", "UPDATE orders SET customer = ? WHERE id > ?", "Cy", 0)).isEqualTo(2);
    }

    @Test
    void sqlErrorsCarryTheSqlState() {
        CairnException e = catchThrowableOfType(() -> dm.query("legacy", "SELECT * FROM missing_table"), CairnException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR);
        assertThat(e.getMessage()).startsWith("database 'legacy': ").contains("missing_table").endsWith("(SQLState 42S02)")
                .doesNotContain("(conn=");
    }

    @Test
    void wrongPasswordIsAuthenticationFailedWithoutRetry() {
        String wrong = "wrong-" + System.nanoTime();
        try (DataManager bad = DataManager.builder(TestConfigs.databases().add("legacy", "mariadb", maria.cairnUrl(), wrong)
                .config()).sleeper(sleeper).open()) {
            CairnException e = catchThrowableOfType(() -> bad.query("legacy", "SELECT 1"), CairnException.class);

            assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).isEqualTo("database 'legacy': password authentication failed for user '"
                    + maria.user() + "' (check the password: reference in cairn.yaml)");
            assertThat(e.getMessage()).doesNotContain(wrong);
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    @Test
    void healthIsUpWithTheServerVersion() {
        DatabaseHealth health = dm.health("legacy");

        assertThat(health.status()).isEqualTo(HealthStatus.UP);
        assertThat(health.serverVersion()).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("mariadb"));
    }
}
