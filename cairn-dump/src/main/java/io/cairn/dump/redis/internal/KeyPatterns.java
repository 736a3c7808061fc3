package io.cairn.dump.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** Redis glob patterns ({@code *}, {@code ?}, {@code [a-z]}, {@code [^x]}, {@code \} escapes), matched on key bytes. */
final class KeyPatterns {
    private final List<Pattern> patterns;

    KeyPatterns(List<String> globs) {
        this.patterns = globs.stream().map(KeyPatterns::compile).toList();
    }

    boolean matchesAll() {
        return patterns.isEmpty();
    }

    boolean matches(byte[] key) {
        if (patterns.isEmpty()) {
            return true;
        }
        String text = new String(key, StandardCharsets.ISO_8859_1);
        return patterns.stream().anyMatch(p -> p.matcher(text).matches());
    }

    /** Keys are bytes: both sides are read as ISO-8859-1 so that every byte is one character. */
    private static Pattern compile(String glob) {
        String bytes = new String(glob.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            switch (c) {
                case '*' -> regex.append("(?s).*");
                case '?' -> regex.append("(?s).");
                case '\\' -> {
                    if (i + 1 < bytes.length()) {
                        regex.append(Pattern.quote(String.valueOf(bytes.charAt(++i))));
                    }
                }
                case '[' -> {
                    int close = bytes.indexOf(']', i + 1);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = bytes.substring(i + 1, close);
                        boolean negated = set.startsWith("^");
                        regex.append('[').append(negated ? "^" : "")
                                .append((negated ? set.substring(1) : set).replace("\\", "\\\\").replace("[", "\\["))
                                .append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
