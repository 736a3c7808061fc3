package io.cairn.dump.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an engine tells the manifest about a dump it wrote.
 *
 * @param database  the database name or index the dump holds
 * @param arguments the tool's command line without secrets (empty when Cairn itself dumped)
 */
public record DumpFacts(Optional<String> database, String serverVersion, String tool, String toolVersion,
        List<String> arguments, Map<String, Object> details, List<String> warnings) {

    public DumpFacts {
        arguments = List.copyOf(arguments);
        warnings = List.copyOf(warnings);
    }
}
