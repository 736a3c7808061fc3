package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * How a passphrase becomes the key that unwraps the master key: Argon2id (RFC 9106) with these
 * costs, stored in each key file so costs can rise later without breaking old keys.
 *
 * <p>The default, 64 MiB and 3 passes, takes about 0.2 s on a warm JVM and 0.35 s on a cold one
 * on a 2-core EPYC (BouncyCastle's Argon2id): slow for guessing, quick for a user.
 *
 * @param memoryKiB   memory cost in KiB (at least 1024; lower values exist only for tests)
 * @param iterations  passes over memory (at least 1)
 * @param parallelism lanes (at least 1); the Java implementation runs them on one thread
 */
public record KeyDerivation(String algorithm, int memoryKiB, int iterations, int parallelism) {
    public static final String ARGON2ID = "argon2id";

    public KeyDerivation {
        if (!ARGON2ID.equals(algorithm)) {
            throw new CairnException(ErrorCode.CONFIG, "key derivation '" + algorithm + "' is not supported; use " + ARGON2ID);
        }
        if (memoryKiB < 1024 || iterations < 1 || parallelism < 1 || parallelism > 16) {
            throw new CairnException(ErrorCode.CONFIG, "argon2id costs out of range (memory " + memoryKiB
                    + " KiB >= 1024, iterations " + iterations + " >= 1, parallelism " + parallelism + " in 1..16)");
        }
    }

    /** Argon2id, 64 MiB, 3 iterations, 1 lane. */
    public static KeyDerivation defaults() {
        return new KeyDerivation(ARGON2ID, 64 * 1024, 3, 1);
    }

    public static KeyDerivation argon2id(int memoryKiB, int iterations, int parallelism) {
        return new KeyDerivation(ARGON2ID, memoryKiB, iterations, parallelism);
    }
}
