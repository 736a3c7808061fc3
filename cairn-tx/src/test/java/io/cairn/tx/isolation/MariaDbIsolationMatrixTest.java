package io.cairn.tx.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.MariaDbExtension;
import io.cairn.tx.Isolation;
import io.cairn.tx.TxFixtures;
import io.cairn.tx.TxFixtures.Fresh;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The isolation matrix on MariaDB, measured once, held to docs/transactions.md. */
class MariaDbIsolationMatrixTest {
    @RegisterExtension
    static final MariaDbExtension maria = MariaDbExtension.create();

    static Map<Isolation, Map<Anomaly, String>> measured;

    @BeforeAll
    static void measure() {
        Fresh db = TxFixtures.fresh(maria, DatabaseType.MARIADB, maria.jdbcUrl());
        try (DataManager dm = db.open(6)) {
            measured = IsolationMatrix.measure(IsolationMatrix.Database.MARIADB, dm,
                    TxFixtures.transactions(dm, Clock.systemUTC(), new TxFixtures.RecordingSleeper()));
        }
    }

    @Test
    void matrixIsTheOneTheDocsShow() {
        assertThat(measured).as("measured on MariaDB:\n" + IsolationMatrix.markdown(measured))
                .isEqualTo(IsolationMatrix.documented("mariadb"));
    }
}
