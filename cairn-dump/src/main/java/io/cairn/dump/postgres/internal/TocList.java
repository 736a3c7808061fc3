package io.cairn.dump.postgres.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table of contents that {@code pg_restore -l} prints, narrowed to some tables for
 * {@code pg_restore -L}. Unlike {@code pg_restore -t}, which restores a table without its
 * indexes, constraints, triggers or sequences, this keeps everything that belongs to the table:
 * entries tagged with its name (TABLE, TABLE DATA, CONSTRAINT, FK CONSTRAINT, TRIGGER, DEFAULT,
 * POLICY, comments and grants) plus its indexes and owned sequences, which the list cannot tell
 * apart and the dump's manifest maps to their table.
 */
final class TocList {
    /** Entry kinds of more than one word; longest first so that prefixes do not match early. */
    private static final List<String> KINDS = List.of("MATERIALIZED VIEW DATA", "SEQUENCE OWNED BY", "MATERIALIZED VIEW",
            "FK CONSTRAINT", "ROW SECURITY", "SEQUENCE SET", "TABLE DATA", "DEFAULT ACL");

    /** Session settings every restore needs, whatever it restores. */
    private static final Set<String> SETTINGS = Set.of("ENCODING", "STDSTRINGS", "SEARCHPATH");

    /** One line: {@code 3342; 0 16385 TABLE DATA public orders cairn}. */
    record Entry(String line, String kind, String schema, String tag) {
    }

    private final List<Entry> entries;

    private TocList(List<Entry> entries) {
        this.entries = entries;
    }

    static TocList parse(String listing) {
        List<Entry> entries = new ArrayList<>();
        for (String line : listing.split("\n")) {
            parseLine(line).ifPresent(entries::add);
        }
        return new TocList(entries);
    }

    private static Optional<Entry> parseLine(String line) {
        String trimmed = line.strip();
        int semicolon = trimmed.indexOf(';');
        if (trimmed.isEmpty() || trimmed.startsWith(";") || semicolon < 0) {
            return Optional.empty();
        }
        String[] head = trimmed.substring(semicolon + 1).strip().split(" ", 3);
        if (head.length < 3) {
            return Optional.empty();
        }
        String rest = head[2];
        String kind = KINDS.stream().filter(k -> rest.startsWith(k + " ")).findFirst()
                .orElse(rest.substring(0, Math.max(0, rest.indexOf(' '))));
        String[] words = rest.substring(kind.length()).strip().split(" ");
        if (words.length < 2) {
            return Optional.empty();
        }
        // schema, then the tag (which may hold spaces), then the owner, which may be absent
        String schema = words[0];
        int tagEnd = words.length > 2 ? words.length - 1 : words.length;
        String tag = String.join(" ", java.util.Arrays.copyOfRange(words, 1, tagEnd));
        return Optional.of(new Entry(line, kind, schema, tag));
    }

    /** The tables in the list, as {@code schema.name}. */
    List<String> tables() {
        return entries.stream().filter(e -> e.kind().equals("TABLE")).map(e -> e.schema() + "." + e.tag()).toList();
    }

    /**
     * The list lines for the requested tables ({@code name} or {@code schema.name}); NOT_FOUND
     * naming what the dump has when one is not in it.
     *
     * @param owners index or sequence ({@code schema.name}) → its table, from the manifest
     */
    String select(List<String> requested, Map<String, String> owners, String dumpId) {
        Set<String> tables = new LinkedHashSet<>();
        for (String name : requested) {
            List<String> matches = tables().stream().filter(t -> t.equals(name) || t.endsWith("." + name)).toList();
            if (matches.isEmpty()) {
                throw new CairnException(ErrorCode.NOT_FOUND, "dump " + dumpId + " has no table '" + name + "' (it has: "
                        + String.join(", ", tables().stream().limit(30).toList()) + ")");
            }
            tables.addAll(matches);
        }
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            if (belongs(entry, tables, owners)) {
                out.append(entry.line()).append('\n');
            }
        }
        return out.toString();
    }

    private static boolean belongs(Entry entry, Set<String> tables, Map<String, String> owners) {
        if (SETTINGS.contains(entry.kind())) {
            return true;
        }
        String qualified = entry.schema() + "." + entry.tag();
        if (tables.contains(qualified) && !entry.kind().equals("SCHEMA")) {
            return true;
        }
        String owner = owners.get(entry.schema() + "." + firstWord(entry.tag()));
        if (owner != null && tables.contains(owner)) {
            return true;
        }
        for (String table : tables) {
            String name = table.substring(table.indexOf('.') + 1);
            String schema = table.substring(0, table.indexOf('.'));
            boolean sameSchema = entry.schema().equals(schema) || entry.schema().equals("-");
            if (sameSchema && (entry.tag().startsWith(name + " ") || entry.tag().equals("TABLE " + name)
                    || entry.tag().startsWith("COLUMN " + name + "."))) {
                return true;
            }
        }
        return false;
    }

    private static String firstWord(String tag) {
        int space = tag.indexOf(' ');
        return space < 0 ? tag : tag.substring(0, space);
    }
}
