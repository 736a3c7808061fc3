package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisExtensionTest {
    @RegisterExtension
    static final RedisExtension redis = RedisExtension.builder().password("s3cret").build();

    @Test
    void requiresThePasswordAndStoresValues() throws IOException {
        try (RespClient client = new RespClient(redis.host(), redis.port())) {
            assertThat(client.call("PING")).startsWith("-NOAUTH");
            assertThat(client.call("AUTH", redis.password())).isEqualTo("+OK");
            assertThat(client.call("SET", "key", "value")).isEqualTo("+OK");
            assertThat(client.call("GET", "key")).isEqualTo("value");
        }
        assertThat(redis.cairnUrl()).isEqualTo("redis://127.0.0.1:" + redis.port() + "/0");
    }

    @Test
    void comesBackAfterKill() throws IOException {
        redis.kill();
        assertThat(redis.isRunning()).isFalse();
        redis.start();
        try (RespClient client = new RespClient(redis.host(), redis.port())) {
            assertThat(client.call("AUTH", redis.password())).isEqualTo("+OK");
            assertThat(client.call("PING")).isEqualTo("+PONG");
        }
    }
}
