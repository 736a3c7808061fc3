package io.cairn.migrate.internal.sql;

/**
 * One statement of a migration file.
 *
 * @param line the 1-based line of the file where the statement starts (its first token)
 * @param text the statement without its terminator and without comments before it
 */
public record SqlStatement(int line, String text) {
}
