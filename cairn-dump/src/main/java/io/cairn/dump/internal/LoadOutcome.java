package io.cairn.dump.internal;

import java.util.List;
import java.util.Map;

/** What an engine reports after a load: counts of what it loaded, and warnings. */
public record LoadOutcome(Map<String, Long> counts, List<String> warnings) {

    public LoadOutcome {
        warnings = List.copyOf(warnings);
    }
}
