package io.cairn.repository;

import java.time.Instant;

/**
 * A key (passphrase slot) of the repository.
 *
 * @param current true for the key this {@link Repository} was opened with
 */
public record KeyInfo(String id, String shortId, String host, String user, Instant created, KeyDerivation kdf,
        boolean current) {
}
