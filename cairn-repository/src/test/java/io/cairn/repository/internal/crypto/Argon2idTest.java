package io.cairn.repository.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the key derivation (BouncyCastle's Argon2id, v1.3): if a library upgrade ever
 * changed them, every existing key file would stop opening, so they are pinned here.
 */
class Argon2idTest {
    private static final byte[] SALT = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final Passphrase PASSPHRASE = Passphrase.of("correct horse battery staple");

    @Test
    void theDefaultCostsGiveTheKnownKey() {
        assertThat(HexFormat.of().formatHex(KeyWrapper.derive(PASSPHRASE, KeyDerivation.defaults(), SALT)))
                .isEqualTo("6ed12d7d594a6ae56c7ad1725982ae0d41317bd2b239dd1e0916d913d4da0757");
    }

    @Test
    void cheapTestCostsGiveTheKnownKey() {
        assertThat(HexFormat.of().formatHex(KeyWrapper.derive(PASSPHRASE, KeyDerivation.argon2id(1024, 1, 1), SALT)))
                .isEqualTo("0b4deef4d5e474a020b44b82001387ec7d86f72ead3bac8b1d5be7f93c6d1a0b");
    }
}
