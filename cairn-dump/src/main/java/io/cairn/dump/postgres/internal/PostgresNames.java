package io.cairn.dump.postgres.internal;

/** Names that PostgreSQL dumps get inside their snapshot. */
final class PostgresNames {
    private PostgresNames() {
    }

    /** A database name made safe as a file name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String fileBase(String database) {
        String safe = database.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    /** A double-quoted SQL identifier. */
    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
