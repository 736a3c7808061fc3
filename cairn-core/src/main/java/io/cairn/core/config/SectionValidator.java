package io.cairn.core.config;

import java.util.Set;

/**
 * How a module that sits above the facade (the agent) has its configuration sections validated
 * when a {@code Cairn} opens, although the facade cannot depend on it: the module lists itself in
 * {@code META-INF/services/io.cairn.core.config.SectionValidator} and the facade runs every
 * validator found on the class path. So a typo in {@code schedules:} fails {@code cairn status}
 * too, not only {@code cairn agent}, as docs/configuration.md promises for every section.
 * Capabilities below the facade need no validator: the facade reads their sections itself.
 */
public interface SectionValidator {
    /** The top-level keys this validator owns (a subset of {@link CairnConfig#TOP_LEVEL_KEYS}). */
    Set<String> sections();

    /** Throws a CONFIG {@link io.cairn.core.CairnException} naming the file, key and fix when a section is wrong. */
    void validate(CairnConfig config);
}
