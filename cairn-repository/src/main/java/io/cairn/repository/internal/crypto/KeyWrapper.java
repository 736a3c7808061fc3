package io.cairn.repository.internal.crypto;

import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Wraps the master key under a passphrase (Argon2id → AES-256-GCM) and unwraps it again. */
public final class KeyWrapper {
    private static final byte[] ASSOCIATED_DATA = "cairn-key".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_LENGTH = 32;

    private final SecureRandom random;

    public KeyWrapper(SecureRandom random) {
        this.random = random;
    }

    public KeyFile wrap(MasterKey master, Passphrase passphrase, KeyDerivation kdf, Instant created, String host,
            String user) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        byte[] wrappingKey = derive(passphrase, kdf, salt);
        byte[] encoded = master.encode();
        try {
            byte[] data = Crypto.seal(new SecretKeySpec(wrappingKey, "AES"), random, Crypto.newCipher(), encoded, 0,
                    encoded.length, ASSOCIATED_DATA);
            return new KeyFile(KeyFile.VERSION, created, host, user, kdf, salt, data);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The master key, or empty when the passphrase does not open this key file. */
    public Optional<MasterKey> unwrap(KeyFile file, Passphrase passphrase) {
        byte[] wrappingKey = derive(passphrase, file.kdf(), file.salt());
        byte[] data = file.data();
        try {
            Cipher cipher = Crypto.newCipher();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"),
                    new GCMParameterSpec(Crypto.TAG_LENGTH * 8, data, 0, Crypto.NONCE_LENGTH));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] encoded = cipher.doFinal(data, Crypto.NONCE_LENGTH, data.length - Crypto.NONCE_LENGTH);
            try {
                return Optional.of(MasterKey.decode(encoded));
            } finally {
                Arrays.fill(encoded, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM key unwrapping failed", e);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    static byte[] derive(Passphrase passphrase, KeyDerivation kdf, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(kdf.memoryKiB())
                .withIterations(kdf.iterations())
                .withParallelism(kdf.parallelism())
                .build());
        byte[] password = passphrase.utf8();
        byte[] out = new byte[32];
        try {
            generator.generateBytes(password, out);
            return out;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }
}
