package io.cairn.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresServerLifecycleTest {

    @Test
    void startsAnExistingDataDirectoryWithoutInitdb() throws Exception {
        Path data;
        String password;
        Path firstDirectory;
        try (PostgresServer original = PostgresServer.builder().fsync(false).keepDirectory(true).build()) {
            original.start();
            try (Connection connection = DriverManager.getConnection(original.jdbcUrl(), original.user(),
                    original.password()); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE restored(id int)");
                statement.execute("INSERT INTO restored VALUES (9)");
            }
            data = original.dataDirectory();
            password = original.password();
            firstDirectory = original.directory();
        }
        try (PostgresServer reopened = PostgresServer.builder().existingDataDirectory(data).password(password)
                .setting("work_mem", "8MB").build()) {
            reopened.start();
            try (Connection connection = DriverManager.getConnection(reopened.jdbcUrl(), reopened.user(), password);
                    Statement statement = connection.createStatement()) {
                assertThat(PostgresServerTest.single(statement, "SELECT id FROM restored")).isEqualTo("9");
                assertThat(PostgresServerTest.single(statement, "SHOW work_mem")).isEqualTo("8MB");
            }
        } finally {
            io.cairn.embedded.internal.ServerDirectories.deleteRecursively(firstDirectory);
        }
    }

    @Test
    void killTakesDownEveryBackendAndAFixedTakenPortFailsClearly() throws Exception {
        try (PostgresServer server = PostgresServer.builder().fsync(false).build()) {
            server.start();
            long pid = server.pid().orElseThrow();
            List<ProcessHandle> backends = ProcessHandle.of(pid).orElseThrow().descendants().toList();
            assertThat(backends).isNotEmpty();
            server.kill();
            // gone or a zombie: where PID 1 does not reap orphans, killed backends stay zombies
            assertThat(backends).allMatch(io.cairn.embedded.internal.ProcessTrees::isGone);
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PostgresServer server = PostgresServer.builder().fsync(false).port(taken.getLocalPort()).build()) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is taken")
                    .satisfies(e -> assertThat(((EmbeddedServerException) e).logTail()).contains("could not bind"));
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void namesTheFixWhenBinariesAreMissing() {
        assertThatThrownBy(() -> PostgresBinaries.system(99))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining("install postgresql-99");
        assertThatThrownBy(() -> PostgresBinaries.fromDirectory(Path.of("/nonexistent/bin")))
                .hasMessageContaining("no executable 'postgres' in /nonexistent/bin");
        assertThat(PostgresBinaries.system().majorVersion()).isGreaterThanOrEqualTo(15);
    }
}
