package io.cairn.dump.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdbFormatTest {

    @Test
    void crc64MatchesRedisCheckValue() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(data, 0, data.length)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void lzfBackReferencesExpand() throws Exception {
        // literal "ab" then a back reference of length 6 at distance 2: "abababab"
        byte[] compressed = {1, 'a', 'b', (byte) ((4 << 5) | 0), 1};
        assertThat(new String(Lzf.decompress(compressed, 8), StandardCharsets.US_ASCII)).isEqualTo("abababab");
    }

    @Test
    void readerCutsValuesOutExactlyWithDatabaseAndExpiry() throws Exception {
        ByteArrayOutputStream rdb = new ByteArrayOutputStream();
        rdb.writeBytes("REDIS0010".getBytes(StandardCharsets.US_ASCII));
        rdb.writeBytes(new byte[] {(byte) 0xFA, 3, 'v', 'e', 'r', 3, '7', '.', '0'});  // aux
        rdb.writeBytes(new byte[] {(byte) 0xFE, 2, (byte) 0xFB, 2, 1});                // db 2, resize
        rdb.writeBytes(new byte[] {(byte) 0xFC, 0x10, 0x27, 0, 0, 0, 0, 0, 0});        // expiry 10000 ms
        rdb.writeBytes(new byte[] {0, 1, 'k', (byte) 0xC0, 42});                       // "k" = int8 42
        rdb.writeBytes(new byte[] {1, 1, 'l', 2, 1, 'x', 2, 'y', 'z'});                 // list [x, yz]
        rdb.writeBytes(new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0});
        RdbReader reader = new RdbReader(new ByteArrayInputStream(rdb.toByteArray()));
        assertThat(reader.version()).isEqualTo(10);
        RdbReader.Entry first = (RdbReader.Entry) reader.next().orElseThrow();
        RdbReader.Entry second = (RdbReader.Entry) reader.next().orElseThrow();
        assertThat(reader.next()).isEmpty();
        assertThat(List.of(first.db(), second.db())).containsExactly(2, 2);
        assertThat(new String(first.key(), StandardCharsets.US_ASCII)).isEqualTo("k");
        assertThat(first.expireAtMillis()).isEqualTo(10000);
        assertThat(first.value()).containsExactly(0, (byte) 0xC0, 42);
        assertThat(second.expireAtMillis()).isEqualTo(-1);
        assertThat(second.value()).containsExactly(1, 2, 1, 'x', 2, 'y', 'z');
    }

    @Test
    void globsMatchLikeRedis() {
        KeyPatterns patterns = new KeyPatterns(List.of("user:*", "h?llo", "x[ab]z"));
        assertThat(patterns.matches("user:42".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(patterns.matches("hallo".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(patterns.matches("xbz".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(patterns.matches("xcz".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(patterns.matches("users".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
