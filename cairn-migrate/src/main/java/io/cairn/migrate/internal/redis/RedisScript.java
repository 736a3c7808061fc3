package io.cairn.migrate.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code .redis} migration: one command per line, arguments separated by spaces,
 * quoted like redis-cli does — "double quotes" with \n \r \t \b \a \" \\ and \xHH escapes,
 * 'single quotes' with only \' — and # comment lines and blank lines skipped.
 */
public final class RedisScript {

    /** One command and the line it is on. */
    public record Command(int line, String text, List<String> arguments) {
    }

    private RedisScript() {
    }

    public static List<Command> parse(String script, String file) {
        String body = script.startsWith("\uFEFF") ? script.substring(1) : script;
        String[] lines = body.split("\r\n|\r|\n", -1);
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            commands.add(new Command(i + 1, line, split(line, file, i + 1)));
        }
        return commands;
    }

    static List<String> split(String line, String file, int lineNumber) {
        List<String> arguments = new ArrayList<>();
        int position = 0;
        while (position < line.length()) {
            char c = line.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
                continue;
            }
            StringBuilder argument = new StringBuilder();
            if (c == '"') {
                position = doubleQuoted(line, position + 1, argument, file, lineNumber);
            } else if (c == '\'') {
                position = singleQuoted(line, position + 1, argument, file, lineNumber);
            } else {
                while (position < line.length() && !Character.isWhitespace(line.charAt(position))) {
                    argument.append(line.charAt(position++));
                }
            }
            arguments.add(argument.toString());
        }
        return arguments;
    }

    private static int doubleQuoted(String line, int start, StringBuilder out, String file, int lineNumber) {
        int position = start;
        while (position < line.length()) {
            char c = line.charAt(position);
            if (c == '"') {
                return closeQuote(line, position, file, lineNumber);
            }
            if (c == '\\' && position + 1 < line.length()) {
                char next = line.charAt(position + 1);
                if (next == 'x' && position + 3 < line.length() && isHex(line.charAt(position + 2)) && isHex(line.charAt(position + 3))) {
                    out.append((char) Integer.parseInt(line.substring(position + 2, position + 4), 16));
                    position += 4;
                    continue;
                }
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'a' -> '\u0007';
                    default -> next;
                });
                position += 2;
                continue;
            }
            out.append(c);
            position++;
        }
        throw unbalanced(file, lineNumber);
    }

    private static int singleQuoted(String line, int start, StringBuilder out, String file, int lineNumber) {
        int position = start;
        while (position < line.length()) {
            char c = line.charAt(position);
            if (c == '\\' && position + 1 < line.length() && line.charAt(position + 1) == '\'') {
                out.append('\'');
                position += 2;
            } else if (c == '\'') {
                return closeQuote(line, position, file, lineNumber);
            } else {
                out.append(c);
                position++;
            }
        }
        throw unbalanced(file, lineNumber);
    }

    /** redis-cli wants a space (or the end) after a closing quote. */
    private static int closeQuote(String line, int position, String file, int lineNumber) {
        if (position + 1 < line.length() && !Character.isWhitespace(line.charAt(position + 1))) {
            throw new CairnException(ErrorCode.USAGE, file + ":" + lineNumber
                    + ": a closing quote must be followed by a space (quote the whole argument)");
        }
        return position + 1;
    }

    private static CairnException unbalanced(String file, int lineNumber) {
        return new CairnException(ErrorCode.USAGE, file + ":" + lineNumber + ": unbalanced quotes (close the quote on the same line; use \\n for a newline)");
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
