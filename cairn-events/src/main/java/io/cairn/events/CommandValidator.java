package io.cairn.events;

/** Checks a command before any transaction starts; throws {@link CommandRejectedException} to refuse it. */
@FunctionalInterface
public interface CommandValidator<C> {
    void validate(C command);
}
