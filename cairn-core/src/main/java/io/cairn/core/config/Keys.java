package io.cairn.core.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Ordered, unmodifiable key sets, so error messages list valid keys in documentation order. */
final class Keys {
    private Keys() {
    }

    static Set<String> of(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
