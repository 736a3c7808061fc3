package io.cairn.migrate.internal.sql;

/** The SQL lexical rules the splitter follows; they differ in quoting, comments and client commands. */
public enum SqlDialect {
    /** Dollar quoting, E'' strings, "identifiers", nested block comments, BEGIN ATOMIC bodies. */
    POSTGRES,
    /** Backslash escapes in '' and "" strings, `identifiers`, # comments, DELIMITER client command. */
    MARIADB
}
