package io.cairn.events.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.events.AggregateRoot;
import io.cairn.events.AppendResult;
import io.cairn.events.CommandBus;
import io.cairn.events.CommandContext;
import io.cairn.events.CommandHandler;
import io.cairn.events.CommandResult;
import io.cairn.events.CommandValidator;
import io.cairn.events.EventMetadata;
import io.cairn.events.ExpectedVersion;
import io.cairn.events.Position;
import io.cairn.events.WrongExpectedVersionException;
import io.cairn.tx.Transactions;
import io.cairn.tx.Tx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The command bus over cairn-tx. A command's transaction first claims its id in
 * {@code cairn_commands} (INSERT … ON CONFLICT DO NOTHING: a concurrent duplicate waits for the first
 * one's outcome on the unique key, then finds it), then runs the handler, then appends what the
 * loaded aggregates raised and snapshots them; one commit makes the claim, the events and the
 * handler's other writes durable together, so a command is applied at most once and never half.
 */
public final class LocalCommandBus implements CommandBus {
    private final String db;
    private final Transactions transactions;
    private final PostgresEventStore store;
    private final Aggregates aggregates;
    private final Clock clock;
    private final Map<Class<?>, List<CommandValidator<Object>>> validators;
    private final Map<Class<?>, CommandHandler<Object>> handlers;
    private final int conflictRetries;

    LocalCommandBus(Builder builder) {
        this.db = builder.db;
        this.transactions = builder.transactions;
        this.store = builder.store;
        this.aggregates = builder.aggregates;
        this.clock = builder.clock;
        this.validators = Map.copyOf(builder.validators);
        this.handlers = Map.copyOf(builder.handlers);
        this.conflictRetries = builder.conflictRetries;
    }

    @Override
    public CommandResult send(Object command) {
        return send(UUID.randomUUID().toString(), command);
    }

    @Override
    public CommandResult send(String commandId, Object command) {
        if (commandId == null || commandId.isEmpty() || commandId.length() > 200) {
            throw new IllegalArgumentException("a command id is 1-200 characters");
        }
        CommandHandler<Object> handler = handlerOf(command.getClass()).orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                "database '" + db + "': no handler for command " + command.getClass().getName() + "; register one with handler()"));
        for (Map.Entry<Class<?>, List<CommandValidator<Object>>> entry : validators.entrySet()) {
            if (entry.getKey().isInstance(command)) {
                entry.getValue().forEach(validator -> validator.validate(command));
            }
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return transactions.inTransaction(db, tx -> run(tx, commandId, command, handler));
            } catch (WrongExpectedVersionException e) {
                if (attempt >= conflictRetries) {
                    throw e;
                }
            }
        }
    }

    private CommandResult run(Tx tx, String commandId, Object command, CommandHandler<Object> handler) throws Exception {
        Optional<Position> earlier = claim(tx, commandId, command);
        if (earlier.isPresent()) {
            return new CommandResult(commandId, true, List.of(), earlier.get());
        }
        Context context = new Context(tx, EventMetadata.newCorrelation().withCausationId(commandId));
        handler.handle(command, context);
        for (AggregateRoot aggregate : context.loaded.values()) {
            List<Object> events = AggregateRoot.Access.takePending(aggregate);
            if (!events.isEmpty()) {
                AppendResult appended = store.append(tx, Aggregates.stream(aggregate.getClass(), aggregate.id()),
                        ExpectedVersion.of(aggregate.version()), events, context.metadata);
                context.appended.add(appended);
                aggregates.maybeSnapshot(tx.connection(), aggregate, appended.fromVersion(), appended.toVersion());
            }
        }
        Position position = context.appended.stream().map(AppendResult::position).max(Position::compareTo)
                .orElse(Position.START);
        tx.execute("UPDATE cairn_commands SET position = ? WHERE command_id = ?", position.toString(), commandId);
        return new CommandResult(commandId, false, List.copyOf(context.appended), position);
    }

    /** Claims the command id; empty when it is new, else the position the first run recorded. */
    private Optional<Position> claim(Tx tx, String commandId, Object command) throws SQLException {
        try (PreparedStatement insert = tx.connection().prepareStatement("INSERT INTO cairn_commands (command_id, "
                + "command_type, position, processed_at) VALUES (?, ?, '0:0', ?) ON CONFLICT (command_id) DO NOTHING")) {
            insert.setString(1, commandId);
            insert.setString(2, command.getClass().getName());
            insert.setTimestamp(3, Timestamp.from(clock.instant()));
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = tx.connection().prepareStatement(
                "SELECT position FROM cairn_commands WHERE command_id = ?")) {
            select.setString(1, commandId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return Optional.of(Position.parse(row.getString(1)));
            }
        }
    }

    private Optional<CommandHandler<Object>> handlerOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            CommandHandler<Object> handler = handlers.get(c);
            if (handler != null) {
                return Optional.of(handler);
            }
        }
        return handlers.entrySet().stream().filter(e -> e.getKey().isAssignableFrom(type)).map(Map.Entry::getValue).findFirst();
    }

    private final class Context implements CommandContext {
        private final Tx tx;
        private final EventMetadata metadata;
        private final Map<String, AggregateRoot> loaded = new LinkedHashMap<>();
        private final List<AppendResult> appended = new ArrayList<>();

        Context(Tx tx, EventMetadata metadata) {
            this.tx = tx;
            this.metadata = metadata;
        }

        @Override
        public Tx tx() {
            return tx;
        }

        @Override
        public EventMetadata metadata() {
            return metadata;
        }

        @Override
        public <A extends AggregateRoot> A load(Class<A> type, String id) {
            String stream = Aggregates.stream(type, id);
            AggregateRoot existing = loaded.get(stream);
            if (existing != null) {
                return type.cast(existing);
            }
            try {
                A aggregate = aggregates.load(tx.connection(), type, id);
                loaded.put(stream, aggregate);
                return aggregate;
            } catch (SQLException e) {
                throw new CairnException(ErrorCode.DATABASE_ERROR, "database '" + db + "': loading " + stream + " failed: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public AppendResult append(String stream, ExpectedVersion expected, List<?> events) {
            AppendResult result = store.append(tx, stream, expected, events, metadata);
            appended.add(result);
            return result;
        }
    }

    /** Collects validators and handlers. */
    public static final class Builder implements CommandBus.Builder {
        private final String db;
        private final Transactions transactions;
        private final PostgresEventStore store;
        private final Aggregates aggregates;
        private final Clock clock;
        private final Map<Class<?>, List<CommandValidator<Object>>> validators = new HashMap<>();
        private final Map<Class<?>, CommandHandler<Object>> handlers = new HashMap<>();
        private int conflictRetries = 3;

        public Builder(String db, Transactions transactions, PostgresEventStore store, Aggregates aggregates, Clock clock) {
            this.db = db;
            this.transactions = transactions;
            this.store = store;
            this.aggregates = aggregates;
            this.clock = clock;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <C> Builder validator(Class<C> type, CommandValidator<? super C> validator) {
            validators.computeIfAbsent(type, t -> new ArrayList<>()).add((CommandValidator<Object>) validator);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <C> Builder handler(Class<C> type, CommandHandler<? super C> handler) {
            if (handlers.putIfAbsent(type, (CommandHandler<Object>) handler) != null) {
                throw new IllegalArgumentException("command " + type.getName() + " has a handler already");
            }
            return this;
        }

        @Override
        public Builder conflictRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("conflictRetries must be >= 0, got " + retries);
            }
            this.conflictRetries = retries;
            return this;
        }

        @Override
        public CommandBus build() {
            return new LocalCommandBus(this);
        }
    }
}
