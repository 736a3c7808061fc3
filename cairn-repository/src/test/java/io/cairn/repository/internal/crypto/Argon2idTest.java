package io.cairn.repository.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/** Our Argon2id must give exactly the keys BouncyCastle's gave, or existing key files stop opening. */
class Argon2idTest {

    @Test
    void matchesBouncyCastleAcrossCosts() {
        Random random = new Random(11);
        int[][] costs = {{8, 1, 1}, {16, 2, 2}, {64, 1, 4}, {1024, 1, 1}, {1024, 3, 1}, {1000, 2, 3}, {2048, 2, 2},
            {4096, 3, 1}, {333, 4, 2}, {1024, 1, 16}};
        for (int[] cost : costs) {
            byte[] password = new byte[random.nextInt(40)];
            byte[] salt = new byte[8 + random.nextInt(40)];
            random.nextBytes(password);
            random.nextBytes(salt);
            for (int length : new int[] {32, 64, 100}) {
                assertThat(Argon2id.derive(password, salt, cost[0], cost[1], cost[2], length))
                        .as("m=%d t=%d p=%d length=%d", cost[0], cost[1], cost[2], length)
                        .isEqualTo(bouncyCastle(password, salt, cost[0], cost[1], cost[2], length));
            }
        }
    }

    @Test
    void matchesTheDefaultCostsOfKeyFiles() {
        byte[] password = "correct horse battery staple".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertThat(Argon2id.derive(password, salt, 64 * 1024, 3, 1, 32))
                .isEqualTo(bouncyCastle(password, salt, 64 * 1024, 3, 1, 32));
    }

    private static byte[] bouncyCastle(byte[] password, byte[] salt, int memoryKiB, int passes, int lanes, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKiB)
                .withIterations(passes).withParallelism(lanes).build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
