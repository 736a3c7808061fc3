package io.cairn.migrate.internal.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import io.cairn.core.DataManager;
import io.cairn.core.config.DatabaseType;
import io.cairn.migrate.MigrationSettings;
import io.cairn.migrate.PlannedStatement;
import io.cairn.migrate.internal.Backend;
import io.cairn.migrate.internal.JavaCall;
import io.cairn.migrate.internal.LeaseLock;
import io.cairn.migrate.internal.ResolvedMigration;
import io.cairn.migrate.internal.Step;
import io.cairn.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Migrations on MongoDB: command documents through runCommand on the configured database, the
 * history in a collection ({@code migrations.table}), the lock a lease document in
 * {@code <table>_lock} whose expiry is compared with the migrators' clocks (keep them in sync,
 * or choose a lease well above their skew).
 */
public final class MongoBackend implements Backend {
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final DataManager dataManager;
    private final String db;
    private final MigrationSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public MongoBackend(DataManager dataManager, String db, MigrationSettings settings, Clock clock, Sleeper sleeper) {
        this.dataManager = dataManager;
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public List<Step> steps(ResolvedMigration migration, boolean undo) {
        if (migration.java().isPresent()) {
            JavaCall call = new JavaCall(migration.java().get(), undo);
            return List.of(new Step(new PlannedStatement(0, call.describe()), call));
        }
        List<Step> steps = new ArrayList<>();
        for (MongoScript.Command command : MongoScript.parse(migration.content().orElseThrow(), migration.script())) {
            steps.add(new Step(new PlannedStatement(command.line(), command.document().toJson(JSON)), command.document()));
        }
        return steps;
    }

    /** Commands run one by one: MongoDB has no transactions for DDL, and none at all without a replica set. */
    @Override
    public boolean transactional(ResolvedMigration migration) {
        return false;
    }

    @Override
    public Session open(boolean lock) {
        dataManager.queryDatabase(db, "{\"ping\": 1}");
        Optional<LeaseLock> lease = lock ? Optional.of(LeaseLock.acquire(db, new LeaseStore(), settings.lease(),
                settings.lockTimeout(), clock, sleeper)) : Optional.empty();
        return new MongoSession(this, lease);
    }

    String db() {
        return db;
    }

    DatabaseType type() {
        return DatabaseType.MONGODB;
    }

    DataManager dataManager() {
        return dataManager;
    }

    MongoDatabase database() {
        return dataManager.unwrap(db, MongoDatabase.class);
    }

    MongoCollection<Document> history() {
        return database().getCollection(settings.table());
    }

    String historyName() {
        return settings.table();
    }

    /** The lease document {_id: "lock", owner, expiresAt}; taking it is one atomic findOneAndUpdate. */
    private final class LeaseStore implements LeaseLock.Store {
        private MongoCollection<Document> locks() {
            return database().getCollection(settings.table() + "_lock");
        }

        @Override
        public boolean tryAcquire(String token, Duration length) {
            Date now = Date.from(clock.instant());
            try {
                locks().findOneAndUpdate(Filters.and(Filters.eq("_id", "lock"),
                                Filters.or(Filters.lt("expiresAt", now), Filters.eq("owner", token))),
                        Updates.combine(Updates.set("owner", token), Updates.set("expiresAt", Date.from(clock.instant().plus(length)))),
                        new FindOneAndUpdateOptions().upsert(true));
                return true;
            } catch (MongoException e) {
                if (e.getCode() == 11000) {
                    return false; // held by someone else: the upsert collided with their document
                }
                throw e;
            }
        }

        @Override
        public boolean renew(String token, Duration length) {
            return locks().updateOne(Filters.and(Filters.eq("_id", "lock"), Filters.eq("owner", token)),
                    Updates.set("expiresAt", Date.from(clock.instant().plus(length)))).getMatchedCount() == 1;
        }

        @Override
        public void release(String token) {
            locks().deleteOne(Filters.and(Filters.eq("_id", "lock"), Filters.eq("owner", token)));
        }

        @Override
        public Optional<String> holder() {
            try {
                Document lock = locks().find(Filters.eq("_id", "lock")).first();
                return lock == null ? Optional.empty()
                        : Optional.of(lock.getString("owner") + ", expires " + lock.getDate("expiresAt").toInstant());
            } catch (MongoException e) {
                return Optional.empty();
            }
        }
    }
}
