package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An extension on an instance field gets a fresh server per test and closes it after each test;
 * this one also runs the bundled PostgreSQL 17 (as the unprivileged user when the JVM is root).
 */
class InstanceFieldLifecycleTest {
    private static final List<Path> DIRECTORIES = new ArrayList<>();

    @RegisterExtension
    final PostgresExtension pg = PostgresExtension.builder().bundledBinaries().build();

    @AfterAll
    static void everyServerDirectoryIsDeleted() {
        assertThat(DIRECTORIES).hasSize(2).allSatisfy(directory -> assertThat(directory).doesNotExist());
    }

    @Test
    void runsTheBundledPostgres17AsTheUnprivilegedUser() throws Exception {
        DIRECTORIES.add(pg.directory());
        assertThat(PostgresExtensionTest.single(pg, "SHOW server_version")).startsWith("17.");
        if ("root".equals(System.getProperty("user.name"))) {
            String status = Files.readString(Path.of("/proc", Long.toString(pg.pid()), "status"));
            assertThat(status).containsPattern("Uid:\\s+65534");
        }
    }

    @Test
    void startsAFreshServerForEachTest() throws SQLException {
        DIRECTORIES.add(pg.directory());
        assertThat(PostgresExtensionTest.single(pg,
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
        PostgresExtensionTest.execute(pg, "CREATE TABLE only_here(id int)");
    }
}
