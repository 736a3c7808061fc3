package io.cairn.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The event types a store knows: each class's stored name and current schema version, and the
 * upcasters that lift an old payload one version up. Reading an event of version 1 whose type is at
 * version 3 runs the upcasters 1→2 and 2→3 on its JSON before it is mapped to the class, so old
 * events never need rewriting. A class not registered is stored under its simple name at version 1.
 * Thread-safe; register before the first append or read.
 */
public final class EventTypes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.$-]{0,199}");

    /** A registered type. */
    public record Type(String name, int version, Class<?> javaClass) {
    }

    private final Map<Class<?>, Type> byClass = new ConcurrentHashMap<>();
    private final Map<String, Type> byName = new ConcurrentHashMap<>();
    private final Map<String, UnaryOperator<ObjectNode>> upcasters = new ConcurrentHashMap<>();

    /** Registers {@code type} under {@code name} at schema {@code version} (1 or more). */
    public EventTypes register(Class<?> type, String name, int version) {
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an event type name is 1-200 letters, digits, '_', '.', '$' or '-', got \""
                    + name + "\"");
        }
        if (version < 1) {
            throw new IllegalArgumentException("a schema version is 1 or more, got " + version);
        }
        Type registered = new Type(name, version, type);
        Type previous = byName.putIfAbsent(name, registered);
        if (previous != null && previous.javaClass() != type) {
            throw new IllegalArgumentException("event type \"" + name + "\" is registered for " + previous.javaClass().getName());
        }
        byName.put(name, registered);
        byClass.put(type, registered);
        return this;
    }

    /** Registers {@code type} under its simple name. */
    public EventTypes register(Class<?> type, int version) {
        return register(type, type.getSimpleName(), version);
    }

    /**
     * Lifts a payload of type {@code name} from {@code fromVersion} to {@code fromVersion + 1}; it may
     * change the node it gets and return it, or return a new one.
     */
    public EventTypes upcaster(String name, int fromVersion, UnaryOperator<ObjectNode> upcast) {
        Objects.requireNonNull(upcast, "upcast");
        if (upcasters.putIfAbsent(name + "@" + fromVersion, upcast) != null) {
            throw new IllegalArgumentException("event type \"" + name + "\" already has an upcaster from version " + fromVersion);
        }
        return this;
    }

    /** How {@code type} is stored. */
    public Type typeOf(Class<?> type) {
        Type found = byClass.get(type);
        return found != null ? found : new Type(type.getSimpleName(), 1, type);
    }

    /** The registered type called {@code name}, if any. */
    public Optional<Type> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The upcaster of {@code name} from {@code fromVersion}, if any. */
    public Optional<UnaryOperator<ObjectNode>> upcasterOf(String name, int fromVersion) {
        return Optional.ofNullable(upcasters.get(name + "@" + fromVersion));
    }
}
