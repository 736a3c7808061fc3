package io.cairn.events;

/**
 * Decides a command inside its transaction: loads aggregates and calls their methods, appends
 * events, changes other state through {@link CommandContext#tx()}. It may run more than once when
 * the transaction is retried (serialization failure, version conflict), so it has no side effects
 * outside the transaction; use {@code ctx.tx().afterCommit} for those.
 */
@FunctionalInterface
public interface CommandHandler<C> {
    void handle(C command, CommandContext context) throws Exception;
}
