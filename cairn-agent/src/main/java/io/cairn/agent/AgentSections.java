package io.cairn.agent;

import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.SectionValidator;
import java.util.Set;

/**
 * Validates the agent's sections ({@code agent}, {@code schedules}, {@code alerts}) whenever a
 * {@code Cairn} opens on a class path that has the agent, so {@code cairn status} reports a typo in
 * a schedule as {@code cairn agent} would. Which job kinds exist is checked when the agent starts
 * (a library user may add their own).
 */
public final class AgentSections implements SectionValidator {
    @Override
    public Set<String> sections() {
        return Set.of("agent", "schedules", "alerts");
    }

    @Override
    public void validate(CairnConfig config) {
        AgentConfig.from(config);
    }
}
