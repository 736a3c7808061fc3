package io.cairn.embedded.internal;

import io.cairn.embedded.EmbeddedServerException;
import io.cairn.embedded.PostgresBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a PostgreSQL cluster: initdb (scram-sha-256, password from a pwfile that is deleted
 * right after), Cairn's postgresql.conf block and pg_hba.conf, and the application database via
 * single-user mode (so no client binaries are needed; the zonky bundle has none).
 */
public final class PostgresCluster {
    private static final Duration INIT_TIMEOUT = Duration.ofMinutes(3);

    private final PostgresBinaries binaries;
    private final Path serverDirectory;
    private final Path dataDirectory;
    private final CommandRunner runner;

    public PostgresCluster(PostgresBinaries binaries, Path serverDirectory, Path dataDirectory, CommandRunner runner) {
        this.binaries = binaries;
        this.serverDirectory = serverDirectory;
        this.dataDirectory = dataDirectory;
        this.runner = runner;
    }

    /** Runs initdb for {@code user} with {@code password}. */
    public void initialise(String user, String password, boolean checksums, boolean fsync) {
        Path passwordFile = serverDirectory.resolve("pwfile");
        try {
            Files.writeString(passwordFile, password + "\n", StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            ServerUser.current().own(passwordFile);
            List<String> command = new ArrayList<>(List.of(binaries.bin("initdb").toString(),
                    "--pgdata=" + dataDirectory, "--username=" + user, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"));
            if (checksums) {
                command.add("--data-checksums");
            }
            if (!fsync) {
                command.add("--no-sync");
            }
            CommandRunner.Result result = runner.run(command, Optional.empty(), INIT_TIMEOUT);
            if (!result.succeeded()) {
                throw new EmbeddedServerException("PostgreSQL initdb failed with exit code " + result.exitCode() + " for "
                        + dataDirectory + ": " + StartRetry.firstErrorLine(result.output()) + "; see the log tail",
                        ServerLog.lastLines(result.output(), 30), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the initdb password file in " + serverDirectory, e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                // the directory is private to the server user; it is deleted with the server
            }
        }
    }

    /** Appends Cairn's settings to postgresql.conf and replaces pg_hba.conf. */
    public void configure(boolean fsync, Map<String, String> settings) {
        StringBuilder conf = new StringBuilder("\n# --- added by cairn-embedded ---\n");
        conf.append("listen_addresses = '127.0.0.1'\n");
        conf.append("wal_level = replica\n");
        conf.append("max_wal_senders = 10\n");
        conf.append("max_replication_slots = 10\n");
        conf.append("fsync = ").append(fsync ? "on" : "off").append('\n');
        settings.forEach((name, value) -> conf.append(name).append(" = ").append(quote(value)).append('\n'));
        String hba = """
                # written by cairn-embedded: password (scram-sha-256) logins on the socket and loopback only
                local   all          all                  scram-sha-256
                local   replication  all                  scram-sha-256
                host    all          all   127.0.0.1/32   scram-sha-256
                host    replication  all   127.0.0.1/32   scram-sha-256
                """;
        try {
            Files.writeString(dataDirectory.resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), hba, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + dataDirectory, e);
        }
    }

    /** Appends settings only (for an existing data directory, e.g. a restored backup). */
    public void appendSettings(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return;
        }
        StringBuilder conf = new StringBuilder("\n# --- added by cairn-embedded ---\n");
        settings.forEach((name, value) -> conf.append(name).append(" = ").append(quote(value)).append('\n'));
        try {
            Files.writeString(dataDirectory.resolve("postgresql.conf"), conf, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + dataDirectory, e);
        }
    }

    /** Creates {@code database} in single-user mode (the server must not be running). */
    public void createDatabase(String database) {
        if ("postgres".equals(database) || "template1".equals(database)) {
            return;
        }
        List<String> command = List.of(binaries.bin("postgres").toString(), "--single", "-D", dataDirectory.toString(),
                "-c", "exit_on_error=true", "-c", "listen_addresses=", "postgres");
        String sql = "CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\";\n";
        CommandRunner.Result result = runner.run(command, Optional.of(sql), INIT_TIMEOUT);
        if (!result.succeeded() || result.output().contains("ERROR:")) {
            throw new EmbeddedServerException("PostgreSQL could not create database '" + database + "' in "
                    + dataDirectory + ": " + StartRetry.firstErrorLine(result.output()) + "; see the log tail",
                    ServerLog.lastLines(result.output(), 30), null);
        }
    }

    private static String quote(String value) {
        if (value.matches("[A-Za-z0-9_.\\-]+")) {
            return value;
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
