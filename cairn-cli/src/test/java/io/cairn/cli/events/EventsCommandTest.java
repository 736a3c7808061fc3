package io.cairn.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.Cairn;
import io.cairn.cli.CliRun;
import io.cairn.events.EventSnapshots;
import io.cairn.events.EventStore;
import io.cairn.events.ExpectedVersion;
import io.cairn.events.Projection;
import io.cairn.events.ProjectionContext;
import io.cairn.events.RecordedEvent;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotBuilder;
import io.cairn.testkit.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn events …} against a real PostgreSQL with two databases (main, copy) and a
 * repository: the inspection commands, projections, and a time range exported from main and
 * imported into copy, verified by count and hash; a snapshot whose manifest lies is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.create();

    @TempDir
    static Path dir;
    static String config;

    record Placed(String id, int amount) {
    }

    record Shipped(String id) {
    }

    /** Counts events; enough to have a projection with a status. */
    static final class Counting implements Projection {
        @Override
        public void create(ProjectionContext ctx) throws Exception {
            try (Statement s = ctx.tx().connection().createStatement()) {
                s.execute("CREATE TABLE " + ctx.table() + " (stream text, version bigint)");
            }
        }

        @Override
        public void apply(RecordedEvent event, ProjectionContext ctx) throws Exception {
            try (Statement s = ctx.tx().connection().createStatement()) {
                s.execute("INSERT INTO " + ctx.table() + " VALUES ('" + event.stream() + "', " + event.version() + ")");
            }
        }
    }

    @BeforeAll
    static void appendEvents() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE events_copy");
        }
        Path secret = Files.writeString(dir.resolve("repo.secret"), "events commands test passphrase\n");
        String url = postgres.cairnUrl();
        config = Files.writeString(dir.resolve("cairn.yaml"), """
                repository: { url: "%s", password: "${file:%s}" }
                databases:
                  main: { type: postgresql, url: "%s", password: "%s" }
                  copy: { type: postgresql, url: "%s", password: "%s" }
                """.formatted(dir.resolve("repo"), secret, url, postgres.password(),
                url.substring(0, url.lastIndexOf('/') + 1) + "events_copy", postgres.password())).toString();
        assertThat(CliRun.of("--config", config, "repo", "init").exitCode()).isZero();
        try (Cairn cairn = Cairn.configure(Path.of(config)).open()) {
            cairn.events().types().register(Placed.class, "Placed", 1).register(Shipped.class, "Shipped", 1);
            EventStore store = cairn.events().store("main");
            for (int i = 1; i <= 5; i++) {
                store.append("order-" + i, ExpectedVersion.noStream(), List.of(new Placed("" + i, i * 10)));
            }
            store.append("order-1", ExpectedVersion.of(1), List.of(new Shipped("1")));
            cairn.events().projection("main", "order_count", new Counting()).runOnce();
        }
    }

    @Test
    @Order(1)
    void streamsStatsAndTailDescribeTheStore() throws Exception {
        CliRun streams = CliRun.of("--config", config, "events", "streams", "--db", "main");
        assertThat(streams.exitCode()).as(streams.err()).isZero();
        assertThat(streams.out()).contains("5 streams", "order-1", "STREAM", "VERSION", "LAST EVENT");

        JsonNode stats = JSON.readTree(CliRun.of("--config", config, "events", "stats", "--db", "main", "--json").out());
        assertThat(stats.get("total").asLong()).isEqualTo(6);
        assertThat(stats.get("types").get(0).get("type").asText()).isEqualTo("Placed");
        assertThat(stats.get("types").get(0).get("events").asLong()).isEqualTo(5);

        CliRun tail = CliRun.of("--config", config, "events", "tail", "--db", "main", "--limit", "4");
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(tail.out()).contains("order-1", "Placed v1", "next: cairn events tail --db main --from ");
        String next = tail.out().substring(tail.out().indexOf("--from ") + 7).trim();
        JsonNode rest = JSON.readTree(CliRun.of("--config", config, "events", "tail", "--db", "main", "--from", next,
                "--json").out());
        assertThat(rest.get("events")).hasSize(2);
        assertThat(rest.get("events").get(1).get("type").asText()).isEqualTo("Shipped");

        CliRun bad = CliRun.of("--config", config, "events", "tail", "--db", "main", "--from", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--from", "1234:56");
    }

    @Test
    @Order(2)
    void projectionsShowPositionLagAndState() throws Exception {
        CliRun table = CliRun.of("--config", config, "events", "projections", "--db", "main");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("order_count", "LAG", "STATE", "OWNER");
        JsonNode list = JSON.readTree(CliRun.of("--config", config, "events", "projections", "--db", "main", "--json").out());
        assertThat(list.get(0).get("name").asText()).isEqualTo("order_count");
        assertThat(list.get(0).get("projected").asLong()).isEqualTo(6);
        assertThat(list.get(0).get("lagEvents").asLong()).isZero();

        CliRun rebuild = CliRun.of("--config", config, "events", "rebuild", "order_count", "--db", "main");
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("rebuilding generation 2 aside");
        CliRun resume = CliRun.of("--config", config, "events", "resume", "order_count", "--db", "main");
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("order_count", "resumed");
        CliRun unknown = CliRun.of("--config", config, "events", "rebuild", "no_such", "--db", "main");
        assertThat(unknown.exitCode()).as(unknown.out()).isNotZero();
        assertThat(unknown.err()).contains("no_such");
    }

    @Test
    @Order(3)
    void aTimeRangeRoundTripsBetweenTwoDatabasesVerifiedByCountAndHash() throws Exception {
        CliRun export = CliRun.of("--config", config, "events", "export", "--db", "main", "--from", "2000-01-01",
                "--to", Instant.now().plusSeconds(3600).toString(), "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode exported = JSON.readTree(export.out());
        assertThat(exported.get("events").asLong()).isEqualTo(6);
        String snapshot = exported.get("shortId").asText();

        CliRun imported = CliRun.of("--config", config, "events", "import", snapshot, "--db", "copy");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 6 events", "skipped 0", "verified");
        assertThat(events("events_copy")).isEqualTo(events(postgres.database()));
        assertThat(JSON.readTree(CliRun.of("--config", config, "events", "streams", "--db", "copy", "--json").out())
                .get("streams").asLong()).isEqualTo(5);

        JsonNode again = JSON.readTree(CliRun.of("--config", config, "events", "import", snapshot, "--db", "copy",
                "--json").out());
        assertThat(again.get("imported").asLong()).isZero();
        assertThat(again.get("skipped").asLong()).isEqualTo(6);

        CliRun empty = CliRun.of("--config", config, "events", "export", "--db", "main", "--from", "2000-01-02",
                "--to", "2000-01-01");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("from < to");
    }

    @Test
    @Order(4)
    void aDifferentEventAtTheSameVersionIsAConflictAndNothingIsImported() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("events_copy"), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute("UPDATE cairn_events SET payload = '{\"id\":\"1\",\"amount\":999}' WHERE stream_id = 'order-1' "
                    + "AND version = 1");
            s.execute("DELETE FROM cairn_events WHERE stream_id = 'order-5'");
        }
        String snapshot = latestExport();
        CliRun conflict = CliRun.of("--config", config, "events", "import", snapshot, "--db", "copy");
        assertThat(conflict.exitCode()).isEqualTo(11);
        assertThat(conflict.err()).contains("stream 'order-1'", "different event at version 1", "nothing was imported");
        assertThat(events("events_copy")).hasSize(5);
    }

    @Test
    @Order(5)
    void aSnapshotWhoseManifestCountDoesNotMatchIsRefused() throws Exception {
        String forged;
        try (Cairn cairn = Cairn.configure(Path.of(config)).open()) {
            Repository repository = cairn.repository();
            String id = repository.snapshot(latestExport()).id();
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            repository.dump(id, EventSnapshots.EVENTS_FILE, lines);
            ByteArrayOutputStream manifest = new ByteArrayOutputStream();
            repository.dump(id, EventSnapshots.MANIFEST, manifest);
            JsonNode json = JSON.readTree(manifest.toByteArray());
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("events", 7);
            BackupOptions options = BackupOptions.defaults().withTags(EventSnapshots.tags("main").toArray(String[]::new))
                    .withNoParent();
            try (SnapshotBuilder builder = repository.newSnapshot(EventSnapshots.SOURCE, List.of(EventSnapshots.path("main")),
                    options, ProgressListener.NONE)) {
                builder.addFile(EventSnapshots.EVENTS_FILE, FileMetadata.of(0600, Instant.now()),
                        new ByteArrayInputStream(lines.toByteArray()), repository.contentDefinedChunker());
                builder.addFile(EventSnapshots.MANIFEST, FileMetadata.of(0600, Instant.now()),
                        new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)),
                        repository.contentDefinedChunker());
                forged = builder.commit().shortId();
            }
        }
        CliRun refused = CliRun.of("--config", config, "events", "import", forged, "--db", "copy");
        assertThat(refused.exitCode()).isEqualTo(7);
        assertThat(refused.err()).contains("snapshot " + forged, "holds 6 events but its manifest says 7",
                "nothing was imported");
        assertThat(events("events_copy")).hasSize(5);
    }

    private static String latestExport() {
        try (Cairn cairn = Cairn.configure(Path.of(config)).open()) {
            return cairn.repository().snapshots().stream().filter(EventSnapshots::isExport)
                    .reduce((a, b) -> b).orElseThrow().shortId();
        }
    }

    private static List<String> events(String database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT event_id, stream_id, version, event_type, schema_version, payload::text, "
                     + "metadata::text, recorded_at FROM cairn_events ORDER BY stream_id, version")) {
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    row.append(r.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
