package io.cairn.dump;


import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import io.cairn.testkit.workload.ShopWorkload;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily dumps of a database that changes ~1% a day deduplicate: a small version of
 * bench/dump-vs-pgdump.sh (which measures 7 days of a 81 MiB dump), kept in the suite so
 * that a change to chunking or dump options that breaks dedup fails a test.
 */
class DedupAcrossDaysTest {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.create();

    @TempDir
    Path directory;

    @Test
    void laterDaysAddLittleMoreThanTheirChanges() throws Exception {
        ShopWorkload workload = new ShopWorkload(20_000, 30_000, "typical");
        try (Connection connection = PostgresFixture.connect(pg, "cairn")) {
            workload.create(connection);
        }
        List<DumpResult> days = new ArrayList<>();
        try (Repository repository = TestSetup.repository(directory.resolve("repo"));
             DataManager dm = TestSetup.dataManager(TestSetup.database("main", DatabaseType.POSTGRESQL, pg.cairnUrl(),
                     pg.password()))) {
            Dumps dumps = Dumps.of(dm, repository);
            for (int day = 1; day <= 3; day++) {
                if (day > 1) {
                    try (Connection connection = PostgresFixture.connect(pg, "cairn")) {
                        workload.nextDay(connection);
                    }
                }
                days.add(dumps.dump("main", DumpOptions.defaults()));
            }
            List<DumpInfo> listed = dumps.list(Optional.of("main"));
            assertThat(listed).hasSize(3);
            assertThat(listed.get(2).dedupSavings()).isGreaterThan(0.85);
        }
        long first = days.get(0).dataAddedStored();
        assertThat(days.get(0).bytes()).isGreaterThan(8L << 20);
        assertThat(days.get(1).dataAddedStored()).isLessThan(first / 8);
        assertThat(days.get(2).dataAddedStored()).isLessThan(first / 8);
    }
}
