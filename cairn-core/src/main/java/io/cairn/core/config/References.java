package io.cairn.core.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${file:/path}} in configuration
 * strings; {@code $${} stands for a literal {@code ${}. Problems are reported as
 * {@link Problem} so the caller can name the file and key.
 */
final class References {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Environment environment;
    private final Path baseDirectory;

    References(Environment environment, Path baseDirectory) {
        this.environment = environment;
        this.baseDirectory = baseDirectory;
    }

    static boolean containsReference(String text) {
        return text.contains("${");
    }

    String resolve(String text) {
        if (!containsReference(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new Problem("unterminated reference \"" + text.substring(i) + "\"",
                            "close it with }, e.g. ${PGPASSWORD}");
                }
                out.append(expand(text.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private String expand(String reference) {
        if (reference.startsWith("file:")) {
            return readFile(reference.substring("file:".length()));
        }
        String name = reference;
        String fallback = null;
        int dash = reference.indexOf(":-");
        if (dash >= 0) {
            name = reference.substring(0, dash);
            fallback = reference.substring(dash + 2);
        }
        if (!VARIABLE.matcher(name).matches()) {
            throw new Problem("invalid reference \"${" + reference + "}\"",
                    "use ${NAME}, ${NAME:-default} or ${file:/path}");
        }
        String value = environment.getenv(name).orElse(fallback);
        if (value == null) {
            throw new Problem("environment variable " + name + " is not set",
                    "export it, or use ${file:/path}");
        }
        return value;
    }

    private String readFile(String pathText) {
        if (pathText.isBlank()) {
            throw new Problem("empty file reference \"${file:}\"", "name a file, e.g. ${file:/run/secrets/db}");
        }
        Path path = baseDirectory.resolve(pathText);
        try {
            return stripTrailingNewlines(environment.readFile(path));
        } catch (NoSuchFileException e) {
            throw new Problem("secret file " + path + " does not exist", "create it, or fix the path in ${file:...}");
        } catch (AccessDeniedException e) {
            throw new Problem("cannot read secret file " + path + ": permission denied",
                    "make it readable by this user, or fix the path in ${file:...}");
        } catch (IOException e) {
            throw new Problem("cannot read secret file " + path + ": " + e.getClass().getSimpleName(),
                    "make it a readable file, or fix the path in ${file:...}");
        }
    }

    private static String stripTrailingNewlines(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    /** A reference that cannot be resolved: what is wrong and how to fix it. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String fix;

        Problem(String problem, String fix) {
            super(problem, null, false, false);
            this.fix = fix;
        }

        String fix() {
            return fix;
        }
    }
}
