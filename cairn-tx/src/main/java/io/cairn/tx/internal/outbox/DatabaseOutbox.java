package io.cairn.tx.internal.outbox;

import io.cairn.core.DataManager;
import io.cairn.core.SqlDatabase;
import io.cairn.tx.DispatchResult;
import io.cairn.tx.Outbox;
import io.cairn.tx.OutboxDispatcher;
import io.cairn.tx.OutboxHandler;
import io.cairn.tx.OutboxSettings;
import io.cairn.tx.OutboxStatus;
import io.cairn.tx.ParkedMessage;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** {@link Outbox} of one SQL database: wires the schema, the dispatch pass, the loop and the admin reads. */
final class DatabaseOutbox implements Outbox {
    private final String db;
    private final DataManager databases;
    private final OutboxSettings settings;
    private final Clock clock;
    private final OutboxSchema schema;
    private final DispatchPass pass;
    private final OutboxAdmin admin;
    private final OutboxMetrics metrics;
    private final Consumer<DispatchLoop> started;
    private final Consumer<DispatchLoop> stopped;

    DatabaseOutbox(String db, DataManager databases, SqlDatabase database, OutboxTable table, OutboxSettings settings,
            Clock clock, OutboxMetrics metrics, Consumer<DispatchLoop> started, Consumer<DispatchLoop> stopped) {
        this.db = db;
        this.databases = databases;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.schema = new OutboxSchema(db, database, table);
        this.pass = new DispatchPass(db, database, table, settings, clock, metrics);
        this.admin = new OutboxAdmin(db, database, table, clock);
        this.started = started;
        this.stopped = stopped;
    }

    OutboxSchema schema() {
        return schema;
    }

    @Override
    public String db() {
        return db;
    }

    @Override
    public void ensureSchema() {
        schema.ensure();
    }

    @Override
    public DispatchResult dispatchOnce(OutboxHandler handler) {
        Objects.requireNonNull(handler, "handler");
        schema.ensure();
        return pass.run(handler);
    }

    @Override
    public OutboxDispatcher start(OutboxHandler handler) {
        Objects.requireNonNull(handler, "handler");
        schema.ensure();
        DispatchLoop loop = new DispatchLoop(db, () -> pass.run(handler), this::purge, this::status,
                settings.pollInterval(), settings.batchSize(), clock, stopped);
        started.accept(loop);
        loop.start();
        return loop;
    }

    @Override
    public OutboxStatus status() {
        schema.ensure();
        OutboxStatus status = admin.status();
        metrics.status(status);
        return status;
    }

    @Override
    public List<ParkedMessage> parked() {
        schema.ensure();
        return admin.parked();
    }

    @Override
    public boolean retry(String messageId) {
        schema.ensure();
        return admin.retry(Objects.requireNonNull(messageId, "messageId"));
    }

    @Override
    public boolean discard(String messageId) {
        schema.ensure();
        return admin.discard(Objects.requireNonNull(messageId, "messageId"));
    }

    @Override
    public long purge() {
        schema.ensure();
        return admin.purge(settings.retention());
    }

    @Override
    public OutboxHandler toRedis(String redisDb) {
        Objects.requireNonNull(redisDb, "redisDb");
        databases.config().database(redisDb);
        return new RedisDelivery(databases, redisDb, settings.dedupeWindow());
    }

    @Override
    public OutboxHandler toMongo(String mongoDb, String collection) {
        Objects.requireNonNull(mongoDb, "mongoDb");
        Objects.requireNonNull(collection, "collection");
        databases.config().database(mongoDb);
        return new MongoDelivery(databases, mongoDb, collection);
    }

    @Override
    public String toString() {
        return "Outbox[" + db + ", " + settings.table() + "]";
    }
}
