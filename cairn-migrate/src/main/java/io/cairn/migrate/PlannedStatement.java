package io.cairn.migrate;

/**
 * One statement of a migration as it is sent to the database.
 *
 * @param line the 1-based line of the file where it starts (0 for a Java migration)
 * @param text the SQL statement, the Redis command line or the MongoDB command document as JSON
 */
public record PlannedStatement(int line, String text) {
}
