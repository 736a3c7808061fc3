package io.cairn.repository.internal.crypto;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The repository's random secret: a 32-byte AES-256 key, a separate 32-byte HMAC key for content
 * ids, and a 32-byte seed for the content-defined chunker's gear table. Separate keys keep the
 * id function independent of the cipher. Never printed.
 */
public final class MasterKey {
    private static final int VERSION = 1;
    private static final int PART = 32;
    public static final int ENCODED_LENGTH = 1 + 3 * PART;

    private final byte[] encryptionKey;
    private final byte[] idKey;
    private final byte[] chunkerSeed;

    private MasterKey(byte[] encryptionKey, byte[] idKey, byte[] chunkerSeed) {
        this.encryptionKey = encryptionKey;
        this.idKey = idKey;
        this.chunkerSeed = chunkerSeed;
    }

    public static MasterKey generate(SecureRandom random) {
        byte[][] parts = new byte[3][PART];
        for (byte[] part : parts) {
            random.nextBytes(part);
        }
        return new MasterKey(parts[0], parts[1], parts[2]);
    }

    public static MasterKey decode(byte[] encoded) {
        if (encoded.length != ENCODED_LENGTH || encoded[0] != VERSION) {
            throw new CairnException(ErrorCode.INTEGRITY, "the master key has an unknown layout (version "
                    + (encoded.length > 0 ? encoded[0] : -1) + "); is this repository written by a newer Cairn?");
        }
        return new MasterKey(Arrays.copyOfRange(encoded, 1, 1 + PART),
                Arrays.copyOfRange(encoded, 1 + PART, 1 + 2 * PART),
                Arrays.copyOfRange(encoded, 1 + 2 * PART, 1 + 3 * PART));
    }

    public byte[] encode() {
        byte[] out = new byte[ENCODED_LENGTH];
        out[0] = VERSION;
        System.arraycopy(encryptionKey, 0, out, 1, PART);
        System.arraycopy(idKey, 0, out, 1 + PART, PART);
        System.arraycopy(chunkerSeed, 0, out, 1 + 2 * PART, PART);
        return out;
    }

    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    public byte[] idKey() {
        return idKey.clone();
    }

    public byte[] chunkerSeed() {
        return chunkerSeed.clone();
    }

    @Override
    public String toString() {
        return "MasterKey[****]";
    }
}
