package io.cairn.repository.internal.crypto;

import io.cairn.repository.KeyDerivation;

import java.time.Instant;

/**
 * The JSON stored in {@code keys/<id>}: who made the key and when, the Argon2id costs and salt,
 * and the master key sealed with the passphrase-derived key. Nothing here is secret without the
 * passphrase. The file's SHA-256 is its id.
 */
public record KeyFile(int version, Instant created, String host, String user, KeyDerivation kdf, byte[] salt,
        byte[] data) {
    public static final int VERSION = 1;
}
