package io.cairn.tx.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import io.cairn.testkit.PostgresExtension;
import io.cairn.tx.Isolation;
import io.cairn.tx.TxFixtures;
import io.cairn.tx.TxFixtures.Fresh;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The isolation matrix on PostgreSQL 15 (system binaries), measured once, held to docs/transactions.md. */
class PostgresIsolationMatrixTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().systemBinaries(15).build();

    static Map<Isolation, Map<Anomaly, String>> measured;

    @BeforeAll
    static void measure() {
        Fresh db = TxFixtures.fresh(pg, DatabaseType.POSTGRESQL, pg.jdbcUrl());
        try (DataManager dm = db.open(6)) {
            measured = IsolationMatrix.measure(IsolationMatrix.Database.POSTGRESQL, dm,
                    TxFixtures.transactions(dm, Clock.systemUTC(), new TxFixtures.RecordingSleeper()));
        }
    }

    @Test
    void matrixIsTheOneTheDocsShow() {
        assertThat(measured).as("measured on PostgreSQL 15:\n" + IsolationMatrix.markdown(measured))
                .isEqualTo(IsolationMatrix.documented("postgresql"));
    }
}
