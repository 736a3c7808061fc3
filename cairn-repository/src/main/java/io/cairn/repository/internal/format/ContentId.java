package io.cairn.repository.internal.format;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 32-byte identifier: the keyed hash of a blob's plaintext, or the SHA-256 of a stored file
 * (pack, index, snapshot, key). Immutable; the hash code is taken from the first bytes because
 * ids are uniformly distributed.
 */
public final class ContentId implements Comparable<ContentId> {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private ContentId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    public static ContentId of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an id has " + LENGTH + " bytes, got " + bytes.length);
        }
        return new ContentId(bytes.clone());
    }

    public static ContentId of(byte[] source, int offset) {
        return new ContentId(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    /** Parses 64 hex digits; throws IllegalArgumentException otherwise. */
    public static ContentId parse(String hex) {
        if (hex == null || hex.length() != LENGTH * 2) {
            throw new IllegalArgumentException("an id is " + LENGTH * 2 + " hex digits: " + hex);
        }
        return new ContentId(HEX.parseHex(hex));
    }

    /** True when the text is 64 lower-case hex digits, the way names are stored. */
    public static boolean isValid(String hex) {
        if (hex == null || hex.length() != LENGTH * 2) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** The first 8 hex digits, as shown to users (like git and restic). */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(ContentId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
