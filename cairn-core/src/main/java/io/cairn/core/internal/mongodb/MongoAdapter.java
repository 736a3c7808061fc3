package io.cairn.core.internal.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.cairn.core.CairnException;
import io.cairn.core.DatabaseAdapter;
import io.cairn.core.DatabaseHealth;
import io.cairn.core.PoolUsage;
import io.cairn.core.SqlDatabase;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.MongoFailures;
import io.cairn.core.internal.AdapterContext;
import io.cairn.core.internal.HealthVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MongoDB through the official sync driver. The client connects in the background; server
 * selection waits at most the connect timeout, so a down server fails fast instead of hanging.
 */
public final class MongoAdapter implements DatabaseAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MongoAdapter.class);

    private final AdapterContext context;
    private final DatabaseConfig config;
    private final MongoFailures failures;
    private final MongoPoolListener poolListener;
    private final MongoClient client;
    private final MongoDatabase database;
    private final MongoCommands commands;

    public MongoAdapter(AdapterContext context) {
        this.context = context;
        this.config = context.config();
        this.failures = MongoFailures.of(context.messages());
        this.poolListener = new MongoPoolListener(config.pool().max());
        this.client = MongoClients.create(settings());
        this.database = client.getDatabase(databaseName());
        this.commands = new MongoCommands(context.messages().prefix());
        LOG.info("database '{}': mongodb client ready for {}", config.id(), config.url());
    }

    private String databaseName() {
        return config.url().database().orElse("admin");
    }

    private MongoClientSettings settings() {
        // the URL's query parameters (authSource, tls, replicaSet, ...) go through the driver's own parser
        StringBuilder url = new StringBuilder("mongodb://").append(config.url().address()).append('/');
        if (!config.url().parameters().isEmpty()) {
            url.append('?');
            config.url().parameters().forEach((k, v) -> url.append(k).append('=').append(v).append('&'));
            url.setLength(url.length() - 1);
        }
        int connectMillis = (int) config.connectTimeout().toMillis();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(url.toString()))
                .applicationName("cairn")
                .applyToClusterSettings(cluster -> cluster
                        .hosts(List.of(new ServerAddress(config.url().host(), config.url().port())))
                        .serverSelectionTimeout(connectMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(connectMillis, TimeUnit.MILLISECONDS)
                        .readTimeout((int) config.queryTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .applyToServerSettings(server -> server.heartbeatFrequency(Math.max(1000, connectMillis), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool
                        .maxSize(config.pool().max())
                        .minSize(config.pool().minIdle())
                        .maxWaitTime(config.pool().connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .maxConnectionIdleTime(config.pool().idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .maxConnectionLifeTime(config.pool().maxLifetime().toMillis(), TimeUnit.MILLISECONDS)
                        .addConnectionPoolListener(poolListener));
        if (config.user().isPresent() && config.password().isPresent()) {
            String authSource = config.url().parameters().getOrDefault("authSource", config.url().database().orElse("admin"));
            settings.credential(MongoCredential.createCredential(config.user().get(), authSource,
                    config.password().get().revealChars()));
        }
        return settings.build();
    }

    @Override
    public DatabaseConfig config() {
        return config;
    }

    @Override
    public Optional<SqlDatabase> sql() {
        return Optional.empty();
    }

    /**
     * A command document ({@code "{\"ping\": 1}"} or a Map) run on the URL's database, or a verb:
     * find, insert, count, delete (see docs/databases.md).
     */
    @Override
    public Object command(String command, Object... args) {
        Object[] arguments = args == null ? new Object[0] : args;
        return context.retry().call(() -> commands.run(database, command, arguments), failures::classify);
    }

    @Override
    public DatabaseHealth health() {
        long start = System.nanoTime();
        try {
            long sent = System.nanoTime();
            context.once().call(() -> database.runCommand(new Document("ping", 1)), failures::classify);
            Duration latency = Duration.ofNanos(System.nanoTime() - sent);
            return HealthVerdict.answered(config, context.clock(), latency, serverVersion(), poolUsage(), false);
        } catch (CairnException e) {
            String prefix = context.messages().prefix();
            String message = e.getMessage();
            return HealthVerdict.down(config, context.clock(), Duration.ofNanos(System.nanoTime() - start), poolUsage(),
                    message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        }
    }

    private Optional<String> serverVersion() {
        try {
            Object version = database.runCommand(new Document("buildInfo", 1)).get("version");
            return Optional.ofNullable(version).map(v -> "MongoDB " + v);
        } catch (MongoException e) {
            return Optional.empty();
        }
    }

    @Override
    public PoolUsage poolUsage() {
        return poolListener.usage();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(client)) {
            return Optional.of(type.cast(client));
        }
        if (type.isInstance(database)) {
            return Optional.of(type.cast(database));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        client.close();
        LOG.info("database '{}': mongodb client closed", config.id());
    }
}
