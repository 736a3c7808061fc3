package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.Secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository passphrase. It never appears in {@code toString()}, logs or messages; callers
 * may {@link #clear()} it when done. Sources: a prompt (char[]), the {@code CAIRN_PASSWORD}
 * environment variable, or a file (first line, like restic's --password-file).
 */
public final class Passphrase {
    /** The environment variable read by {@link #fromEnvironment()}. */
    public static final String ENVIRONMENT_VARIABLE = "CAIRN_PASSWORD";

    private final char[] characters;

    private Passphrase(char[] characters) {
        if (characters.length == 0) {
            throw new CairnException(ErrorCode.USAGE, "the repository passphrase is empty; give a non-empty passphrase");
        }
        this.characters = characters;
    }

    /** Copies the characters; the caller may wipe its array afterwards. */
    public static Passphrase of(char[] characters) {
        return new Passphrase(Objects.requireNonNull(characters, "characters").clone());
    }

    public static Passphrase of(String text) {
        return new Passphrase(Objects.requireNonNull(text, "text").toCharArray());
    }

    /** The passphrase held by a configuration secret (e.g. {@code repository.password}). */
    public static Passphrase of(Secret secret) {
        char[] characters = Objects.requireNonNull(secret, "secret").revealChars();
        try {
            return of(characters);
        } finally {
            Arrays.fill(characters, '\0');
        }
    }

    /** The passphrase in {@code CAIRN_PASSWORD}, if that variable is set and non-empty. */
    public static Optional<Passphrase> fromEnvironment() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(of(value));
    }

    /** The first line of a file (without its line break). */
    public static Passphrase fromFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return of(line);
        } catch (NoSuchFileException e) {
            throw new CairnException(ErrorCode.NOT_FOUND, "passphrase file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.CONFIG, "cannot read passphrase file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The UTF-8 bytes of the passphrase; the caller should wipe them after use. */
    public byte[] utf8() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(characters));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /** Overwrites the characters held by this object. */
    public void clear() {
        Arrays.fill(characters, '\0');
    }

    @Override
    public String toString() {
        return "Passphrase[****]";
    }
}
