package io.cairn.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseType;
import io.cairn.dump.postgres.PostgresTools;
import io.cairn.repository.Repository;
import io.cairn.testkit.PostgresExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client/server versions: a PostgreSQL 17 server (the bundled binaries, which hold no pg_dump)
 * cannot be dumped with pg_dump 15 (the dump is given only PostgreSQL 15's clients), and says what
 * to install; a dump taken from
 * PostgreSQL 15 loads into PostgreSQL 17 (a copy for another major version).
 */
class PostgresVersionsTest {
    @RegisterExtension
    static final PostgresExtension old = PostgresExtension.create();
    @RegisterExtension
    static final PostgresExtension newer = PostgresExtension.builder().bundledBinaries().build();

    @TempDir
    Path directory;

    @Test
    void tooOldClientNamesWhatToInstallAndNewerServerLoadsOlderDump() throws Exception {
        // the clients of the PostgreSQL 15 server only, whatever else is installed: too old for 17
        Path clients15 = old.binaries().binDirectory();
        assertThat(PostgresTools.in(clients15).installed("pg_dump").get(0).major()).isEqualTo(15);
        PostgresFixture.createShop(old, "cairn", 100);
        DatabaseConfig oldDb = TestSetup.database("old", DatabaseType.POSTGRESQL, old.cairnUrl(), old.password());
        DatabaseConfig newDb = TestSetup.database("new", DatabaseType.POSTGRESQL, newer.cairnUrl(), newer.password());
        try (Repository repository = TestSetup.repository(directory.resolve("repo"));
             DataManager dm = TestSetup.dataManager(oldDb, newDb)) {
            Dumps dumps = Dumps.builder(dm, repository).postgresClients(clients15).build();
            assertThatThrownBy(() -> dumps.dump("new", DumpOptions.defaults()))
                    .isInstanceOfSatisfying(CairnException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_DEPENDENCY))
                    .hasMessageContaining("database 'new' runs PostgreSQL 17")
                    .hasMessageContaining("apt-get install postgresql-client-17");
            assertThat(repository.snapshots()).isEmpty();

            DumpResult dump = dumps.dump("old", DumpOptions.defaults());
            dumps.load(dump.shortId(), "new", LoadOptions.defaults());
        }
        assertThat(PostgresFixture.checksums(newer, "cairn", PostgresFixture.TABLES))
                .isEqualTo(PostgresFixture.checksums(old, "cairn", PostgresFixture.TABLES));
    }
}
