package io.cairn.events;

/**
 * Sends commands to their validator and handler. Each command runs in one transaction on the bus's
 * database: the handler's aggregate events, any other state it changes, and the record of the
 * command id commit together, so a retried command (same id) is applied once. Thread-safe.
 *
 * <pre>{@code
 * CommandBus bus = cairn.events().commands()
 *     .validator(ShipOrder.class, cmd -> { if (cmd.id().isBlank()) throw new CommandRejectedException("no order id"); })
 *     .handler(ShipOrder.class, (cmd, ctx) -> ctx.load(Order.class, cmd.id()).ship())
 *     .build();
 * CommandResult result = bus.send(requestId, new ShipOrder("42"));
 * }</pre>
 */
public interface CommandBus {
    /** Validates and handles {@code command}; with a command id seen before, returns the first result's position, writing nothing. */
    CommandResult send(String commandId, Object command);

    /** As {@link #send(String, Object)} with a fresh command id (no deduplication). */
    CommandResult send(Object command);

    /** Builds a bus; one handler per command class, any number of validators. */
    interface Builder {
        <C> Builder validator(Class<C> type, CommandValidator<? super C> validator);

        <C> Builder handler(Class<C> type, CommandHandler<? super C> handler);

        /** How often a command that lost a version race is re-run from a fresh load (default 3). */
        Builder conflictRetries(int retries);

        CommandBus build();
    }
}
