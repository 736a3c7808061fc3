package io.cairn.tx.internal.outbox;

import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.tx.Outbox;
import io.cairn.tx.OutboxSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The outboxes of every SQL database, one per database id, made on first use; the running
 * dispatchers of this process, so an after-commit hook can nudge those of its database; and the
 * statement a transaction runs to write a message.
 */
public final class Outboxes implements AutoCloseable {
    private final DataManager databases;
    private final OutboxSettings settings;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final Map<String, DatabaseOutbox> outboxes = new ConcurrentHashMap<>();
    private final Set<DispatchLoop> running = new CopyOnWriteArraySet<>();

    /** An INSERT of one message, for the transaction to run on its own connection. */
    public record Write(String messageId, String sql, List<Object> params) {
    }

    public Outboxes(DataManager databases, OutboxSettings settings, Clock clock, MeterRegistry meterRegistry) {
        this.databases = databases;
        this.settings = settings;
        this.clock = clock;
        this.meterRegistry = meterRegistry;
    }

    public Outbox outbox(String db) {
        return outboxes.computeIfAbsent(db, this::open);
    }

    private DatabaseOutbox open(String db) {
        DatabaseConfig config = databases.config().database(db);
        SqlDatabase database = databases.adapter(db).sql().orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                "database '" + db + "' is a " + config.type() + " database; an outbox lives in a PostgreSQL or MariaDB/MySQL"
                        + " database (deliver to " + config.type() + " with Outbox.toRedis or Outbox.toMongo)"));
        return new DatabaseOutbox(db, databases, database, new OutboxTable(settings.table(), config.type()), settings, clock,
                new OutboxMetrics(meterRegistry, db), running::add, running::remove);
    }

    /**
     * The INSERT for one message of database {@code db}, its arguments checked. Creates the table
     * first if this process has not yet (on another pooled connection, outside the transaction).
     */
    public Write write(String db, String topic, String key, String payload) {
        check(db, "topic", topic);
        check(db, "key", key);
        if (payload == null) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "': outbox payload must not be null "
                    + "(topic '" + topic + "'; send \"\" or \"null\" for an empty message)");
        }
        DatabaseOutbox outbox = (DatabaseOutbox) outbox(db);
        outbox.schema().ensure();
        String messageId = UUID.randomUUID().toString();
        long now = clock.millis();
        return new Write(messageId, new OutboxTable(settings.table(), databases.config().database(db).type()).insert(),
                List.of(messageId, topic, key, payload, now, now));
    }

    private static void check(String db, String what, String value) {
        if (value == null || value.isEmpty() || value.length() > OutboxTable.MAX_TEXT) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "': outbox " + what + " must be 1-"
                    + OutboxTable.MAX_TEXT + " characters, got " + (value == null ? "null" : value.length() + " characters"));
        }
    }

    /** Wakes the dispatchers of {@code db} running in this process. */
    public void nudge(String db) {
        for (DispatchLoop loop : running) {
            if (loop.db().equals(db)) {
                loop.nudge();
            }
        }
    }

    /** Stops every dispatcher still running. */
    @Override
    public void close() {
        for (DispatchLoop loop : List.copyOf(running)) {
            loop.close();
        }
    }
}
