package io.cairn.repository.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

class Blake2bTest {

    @Test
    void knownAnswers() {
        assertThat(hex("", 64)).isEqualTo("786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
        assertThat(hex("abc", 64)).isEqualTo("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    }

    @Test
    void matchesBouncyCastleForEveryLengthAndBlockBoundary() {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 127, 128, 129, 255, 256, 257, 1024, 1031, 5000}) {
            byte[] message = new byte[size];
            random.nextBytes(message);
            for (int length : new int[] {1, 4, 32, 33, 64}) {
                Blake2b ours = new Blake2b(length);
                int split = size / 3;
                ours.update(message, 0, split);
                ours.update(message, split, size - split);
                byte[] actual = new byte[length];
                ours.digest(actual, 0);
                Blake2bDigest reference = new Blake2bDigest(length * 8);
                reference.update(message, 0, size);
                byte[] expected = new byte[length];
                reference.doFinal(expected, 0);
                assertThat(actual).as("size %d length %d", size, length).isEqualTo(expected);
            }
        }
    }

    private static String hex(String message, int length) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        Blake2b digest = new Blake2b(length);
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[length];
        digest.digest(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
