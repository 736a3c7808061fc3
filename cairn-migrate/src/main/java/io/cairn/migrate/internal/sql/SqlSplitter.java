package io.cairn.migrate.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQL migration file into statements the way the database's own client would, so a
 * semicolon inside a string, a quoted identifier, a comment, a dollar-quoted function body, a
 * PostgreSQL {@code BEGIN ATOMIC} body or parentheses never ends a statement, and MariaDB's
 * {@code DELIMITER} client command changes the terminator. Every statement keeps the line it
 * starts on, for error messages. One instance per file; not thread-safe.
 */
public final class SqlSplitter {
    private static final Pattern DELIMITER_COMMAND = Pattern.compile("(?i)DELIMITER[ \\t]+(\\S+)[ \\t]*");

    private final String text;
    private final SqlDialect dialect;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int position;
    private int line = 1;
    private int statementLine = -1;
    private String delimiter = ";";
    private int parentheses;
    private int atomicDepth;
    private String previousWord = "";

    private SqlSplitter(String text, SqlDialect dialect) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.dialect = dialect;
    }

    /** The statements of {@code script}, in order; empty statements (a lone ';') are dropped. */
    public static List<SqlStatement> split(String script, SqlDialect dialect) {
        SqlSplitter splitter = new SqlSplitter(script, dialect);
        splitter.run();
        return List.copyOf(splitter.statements);
    }

    private void run() {
        while (position < text.length()) {
            if (dialect == SqlDialect.MARIADB && statementLine < 0 && atLineStart() && delimiterCommand()) {
                continue;
            }
            char c = text.charAt(position);
            if (c == '\n') {
                line++;
                appendIfStarted(c);
                position++;
            } else if (lineCommentStarts(c)) {
                lineComment();
            } else if (c == '/' && peek(1) == '*' && !executableComment()) {
                blockComment();
            } else if (c == '\'' || c == '"' || c == '`') {
                quoted(c);
            } else if (dialect == SqlDialect.POSTGRES && c == '$' && dollarQuote()) {
                continue;
            } else if (parentheses == 0 && atomicDepth == 0 && text.startsWith(delimiter, position)) {
                position += delimiter.length();
                finishStatement();
            } else if (isWordStart(c)) {
                word();
            } else {
                other(c);
            }
        }
        finishStatement();
    }

    private boolean atLineStart() {
        for (int i = position - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** MariaDB's client command {@code DELIMITER $$}: not sent to the server, it changes the terminator. */
    private boolean delimiterCommand() {
        int end = text.indexOf('\n', position);
        String rest = text.substring(position, end < 0 ? text.length() : end).stripTrailing();
        Matcher matcher = DELIMITER_COMMAND.matcher(rest.stripLeading());
        if (!matcher.matches()) {
            return false;
        }
        delimiter = matcher.group(1);
        position = end < 0 ? text.length() : end;
        return true;
    }

    private boolean lineCommentStarts(char c) {
        if (c == '#' && dialect == SqlDialect.MARIADB) {
            return true;
        }
        if (c != '-' || peek(1) != '-') {
            return false;
        }
        // MariaDB needs a space or control character after "--", else it is two minus signs
        char after = peek(2);
        return dialect == SqlDialect.POSTGRES || after == 0 || Character.isWhitespace(after) || after < ' ';
    }

    private void lineComment() {
        int end = text.indexOf('\n', position);
        end = end < 0 ? text.length() : end;
        appendIfStarted(text.substring(position, end));
        position = end;
    }

    /** MariaDB's {@code /*! ... *}{@code /} and {@code /*M! ... *}{@code /} comments are code the server runs. */
    private boolean executableComment() {
        return dialect == SqlDialect.MARIADB && (peek(2) == '!' || (peek(2) == 'M' && peek(3) == '!'));
    }

    private void blockComment() {
        int start = position;
        int depth = 0;
        while (position < text.length()) {
            if (text.startsWith("/*", position) && (depth == 0 || dialect == SqlDialect.POSTGRES)) {
                depth++;
                position += 2;
            } else if (text.startsWith("*/", position)) {
                depth--;
                position += 2;
                if (depth == 0) {
                    break;
                }
            } else {
                countNewline(text.charAt(position));
                position++;
            }
        }
        appendIfStarted(text.substring(start, position));
    }

    private void quoted(char quote) {
        boolean backslashEscapes = dialect == SqlDialect.MARIADB && quote != '`' || escapeStringPrefix(quote);
        start();
        int start = position;
        position++;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (backslashEscapes && c == '\\') {
                if (position + 1 < text.length()) {
                    countNewline(text.charAt(position + 1));
                }
                position += 2;
            } else if (c == quote) {
                position++;
                if (peek(0) != quote) {
                    break;
                }
                position++;
            } else {
                countNewline(c);
                position++;
            }
        }
        current.append(text, start, Math.min(position, text.length()));
    }

    /** PostgreSQL E'...' strings take backslash escapes; the word "E" was just read. */
    private boolean escapeStringPrefix(char quote) {
        return dialect == SqlDialect.POSTGRES && quote == '\'' && previousWordEndsHere() && previousWord.equalsIgnoreCase("E");
    }

    private boolean previousWordEndsHere() {
        return position > 0 && isWordPart(text.charAt(position - 1));
    }

    /** $$...$$ or $tag$...$tag$; not after an identifier character (a$b$ is an identifier) and not $1. */
    private boolean dollarQuote() {
        if (position > 0 && isWordPart(text.charAt(position - 1))) {
            return false;
        }
        int end = position + 1;
        while (end < text.length() && isWordPart(text.charAt(end)) && text.charAt(end) != '$') {
            end++;
        }
        if (end >= text.length() || text.charAt(end) != '$') {
            return false;
        }
        String tag = text.substring(position, end + 1);
        if (tag.length() > 2 && Character.isDigit(tag.charAt(1))) {
            return false;
        }
        int close = text.indexOf(tag, end + 1);
        int stop = close < 0 ? text.length() : close + tag.length();
        start();
        String body = text.substring(position, stop);
        body.chars().filter(ch -> ch == '\n').forEach(ch -> line++);
        current.append(body);
        position = stop;
        return true;
    }

    private void word() {
        start();
        int start = position;
        // the client scans for the terminator everywhere: with DELIMITER $$, END$$ ends the statement
        while (position < text.length() && isWordPart(text.charAt(position))
                && !(position > start && text.startsWith(delimiter, position))) {
            position++;
        }
        String word = text.substring(start, position);
        current.append(word);
        if (dialect == SqlDialect.POSTGRES) {
            trackAtomicBody(word.toUpperCase(Locale.ROOT));
        }
        previousWord = word;
    }

    /** A SQL-standard function body (BEGIN ATOMIC ... END) holds semicolons; CASE ... END nests inside it. */
    private void trackAtomicBody(String word) {
        if (word.equals("ATOMIC") && previousWord.equalsIgnoreCase("BEGIN")) {
            atomicDepth++;
        } else if (atomicDepth > 0 && word.equals("CASE")) {
            atomicDepth++;
        } else if (atomicDepth > 0 && word.equals("END")) {
            atomicDepth--;
        }
    }

    private void other(char c) {
        if (!Character.isWhitespace(c)) {
            start();
            previousWord = "";
            if (dialect == SqlDialect.POSTGRES && c == '(') {
                parentheses++;
            } else if (dialect == SqlDialect.POSTGRES && c == ')' && parentheses > 0) {
                parentheses--;
            }
        }
        appendIfStarted(c);
        position++;
    }

    private void start() {
        if (statementLine < 0) {
            statementLine = line;
        }
    }

    private void appendIfStarted(char c) {
        if (statementLine >= 0) {
            current.append(c);
        }
    }

    private void appendIfStarted(String part) {
        if (statementLine >= 0) {
            current.append(part);
        }
    }

    private void countNewline(char c) {
        if (c == '\n') {
            line++;
        }
    }

    private void finishStatement() {
        String statement = current.toString().strip();
        if (statementLine >= 0 && !statement.isEmpty()) {
            statements.add(new SqlStatement(statementLine, statement));
        }
        current.setLength(0);
        statementLine = -1;
        parentheses = 0;
        atomicDepth = 0;
        previousWord = "";
    }

    private char peek(int offset) {
        int index = position + offset;
        return index < text.length() ? text.charAt(index) : 0;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
