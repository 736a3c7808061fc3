package io.cairn.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BundledPostgresTest {

    @Test
    void concurrentExtractionsAgreeAndTheServerRunsUnprivileged() throws Exception {
        List<CompletableFuture<PostgresBinaries>> extractions = List.of(
                CompletableFuture.supplyAsync(PostgresBinaries::bundled),
                CompletableFuture.supplyAsync(PostgresBinaries::bundled));
        Path first = extractions.get(0).get().binDirectory();
        assertThat(extractions.get(1).get().binDirectory()).isEqualTo(first);
        PostgresBinaries binaries = extractions.get(0).get();
        assertThat(binaries.majorVersion()).isEqualTo(17);
        assertThat(Files.isExecutable(binaries.bin("postgres"))).isTrue();
        assertThat(Files.isSymbolicLink(first.getParent().resolve("lib/libpq.so.5"))).isTrue();
        assertThat(Files.getPosixFilePermissions(first).toString()).contains("OTHERS_EXECUTE");

        try (PostgresServer server = PostgresServer.builder().binaries(binaries).fsync(false).build()) {
            server.start();
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                    Statement statement = connection.createStatement()) {
                assertThat(PostgresServerTest.single(statement, "SHOW server_version")).startsWith("17.");
                assertThat(PostgresServerTest.single(statement, "SHOW data_checksums")).isEqualTo("on");
                if ("root".equals(System.getProperty("user.name"))) {
                    assertThat(Files.getOwner(server.dataDirectory()).getName()).isEqualTo("nobody");
                    long pid = server.pid().orElseThrow();
                    String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
                    assertThat(status).containsPattern("Uid:\\s+65534");
                }
            }
        }
    }
}
