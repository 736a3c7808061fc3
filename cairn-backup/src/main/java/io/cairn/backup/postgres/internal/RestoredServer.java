package io.cairn.backup.postgres.internal;

import io.cairn.backup.postgres.Lsn;
import io.cairn.backup.postgres.RecoveryPoint;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.config.DatabaseUrl;
import io.cairn.core.jdbc.DedicatedConnections;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import io.cairn.embedded.EmbeddedServerException;
import io.cairn.embedded.PostgresBinaries;
import io.cairn.embedded.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts a restored data directory with cairn-embedded (as a child process on a free loopback
 * port), waits until recovery has ended and the server was promoted, reports the point it
 * reached, optionally checks every database, and stops it with a fast shutdown. Logins use the
 * source database's credentials: the restored cluster has the same roles.
 */
public final class RestoredServer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final PostgresServer server;
    private final DatabaseConfig source;
    private final Clock clock;
    private final Sleeper sleeper;

    private RestoredServer(PostgresServer server, DatabaseConfig source, Clock clock, Sleeper sleeper) {
        this.server = server;
        this.source = source;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Starts the server; the binaries must be of the backup's major version. */
    public static RestoredServer start(Path dataDirectory, PostgresBinaries binaries, DatabaseConfig source,
            Duration timeout, Clock clock, Sleeper sleeper) {
        PostgresServer server = PostgresServer.builder().binaries(binaries).existingDataDirectory(dataDirectory)
                .startTimeout(timeout).build();
        try {
            server.start();
        } catch (EmbeddedServerException e) {
            server.close();
            throw new CairnException(ErrorCode.PRECONDITION, "the restored server in " + dataDirectory
                    + " did not start or recovery failed: " + firstFatal(e) + " (see its log)", e);
        }
        return new RestoredServer(server, source, clock, sleeper);
    }

    /** The binaries for {@code major}: the requested directory, the system's, or the bundled ones. */
    public static PostgresBinaries binaries(int major, Optional<Path> requested) {
        if (requested.isPresent()) {
            return PostgresBinaries.fromDirectory(requested.get());
        }
        if (PostgresBinaries.installedMajors().contains(major)) {
            return PostgresBinaries.system(major);
        }
        try {
            PostgresBinaries bundled = PostgresBinaries.bundled();
            if (bundled.majorVersion() == major) {
                return bundled;
            }
        } catch (EmbeddedServerException e) {
            // no bundle on the classpath: fall through to the error
        }
        throw new CairnException(ErrorCode.MISSING_DEPENDENCY, "starting the restored server needs PostgreSQL " + major
                + " server binaries: install postgresql-" + major + " or pass the bin directory of one");
    }

    /** Polls until the server has left recovery, then reports where recovery ended. */
    public RecoveryPoint awaitRecovery(Duration timeout) {
        Retry poll = Retry.builder("the restored server").attempts(Integer.MAX_VALUE).deadline(timeout)
                .backoff(Backoff.fixed(POLL)).clock(clock).sleeper(sleeper).build();
        return poll.poll(this::recoveryPoint).orElseThrow(() -> new CairnException(ErrorCode.PRECONDITION,
                "recovery of the restored server did not end within " + timeout.toSeconds() + "s; last log lines: "
                        + server.logTail(5).replace('\n', ' ')));
    }

    /** Where recovery ended, once it has; empty while the server is still recovering or not accepting connections. */
    private Optional<RecoveryPoint> recoveryPoint() {
        if (!server.isRunning()) {
            throw new CairnException(ErrorCode.PRECONDITION, "the restored server stopped during recovery: "
                    + firstFatal(server.logTail(30)));
        }
        try (Connection connection = connect(source.url().database().orElse("postgres"))) {
            return inRecovery(connection) ? Optional.empty() : Optional.of(point(connection));
        } catch (SQLException e) {
            return Optional.empty(); // not accepting connections yet (still before consistency): poll again
        }
    }

    /** Connects to every database that accepts connections and runs a catalog query; returns their names. */
    public List<String> verifyDatabases() {
        List<String> names = new ArrayList<>();
        try (Connection connection = connect(source.url().database().orElse("postgres"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datallowconn ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new CairnException(ErrorCode.UNHEALTHY, "the restored server does not answer: " + e.getMessage(), e);
        }
        for (String name : names) {
            try (Connection connection = connect(name); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_class")) {
                row.next();
            } catch (SQLException e) {
                throw new CairnException(ErrorCode.UNHEALTHY, "restored database '" + name + "' does not answer: "
                        + e.getMessage(), e);
            }
        }
        return names;
    }

    /** A JDBC connection to one database of the restored server, as the source's user. */
    public Connection connect(String database) throws SQLException {
        DatabaseUrl url = source.url();
        DatabaseConfig restored = source.withUrl(new DatabaseUrl(url.scheme(), url.user(), server.host(), server.port(),
                Optional.of(database), java.util.Map.of())); // the source's TLS settings are not the local copy's
        return DedicatedConnections.connect(restored, "cairn restore check", new Properties());
    }

    public int port() {
        return server.port();
    }

    private static boolean inRecovery(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static RecoveryPoint point(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT pg_last_wal_replay_lsn()::text, pg_last_xact_replay_timestamp(),"
                        + " ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int,"
                        + " current_setting('server_version')")) {
            row.next();
            String lsn = row.getString(1);
            Timestamp last = row.getTimestamp(2);
            return new RecoveryPoint(lsn == null ? Lsn.ZERO : Lsn.parse(lsn),
                    Optional.ofNullable(last).map(Timestamp::toInstant), row.getInt(3), row.getString(4));
        }
    }

    private static String firstFatal(EmbeddedServerException e) {
        String fatal = firstFatal(e.logTail());
        return fatal.isEmpty() ? String.valueOf(e.getMessage()) : fatal;
    }

    private static String firstFatal(String log) {
        for (String line : log.split("\n")) {
            int at = line.indexOf("FATAL:");
            if (at >= 0) {
                return line.substring(at).strip();
            }
        }
        String[] lines = log.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** Fast shutdown; the data directory stays. */
    @Override
    public void close() {
        server.close();
    }
}
