package io.cairn.core.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password, key or passphrase read from the configuration. It prints, logs and serialises as
 * {@code ******}; only {@link #reveal()} gives the value, so every use of a secret is explicit.
 */
public final class Secret {
    /** What a secret looks like in toString(), JSON and messages. */
    public static final String MASK = "******";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value").toCharArray());
    }

    public static Secret of(char[] value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** The secret in clear text, for handing to a driver. Never log or print it. */
    public String reveal() {
        return new String(value);
    }

    /** The secret as a fresh char array the caller may wipe after use. */
    public char[] revealChars() {
        return value.clone();
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Secret)) {
            return false;
        }
        // constant-time comparison: equality checks must not leak a prefix through timing
        return MessageDigest.isEqual(bytes(value), bytes(((Secret) other).value));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    private static byte[] bytes(char[] chars) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
