package io.cairn.migrate.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisScriptTest {

    @Test
    void quotingFollowsRedisCli() {
        List<RedisScript.Command> commands = RedisScript.parse("""
                # comment
                SET plain value
                  HSET h "two words" 'single \\' quote' "esc\\t\\n\\x41\\"\\\\"

                SET empty ""
                """, "V1__x.redis");
        assertThat(commands).extracting(RedisScript.Command::line).containsExactly(2, 3, 5);
        assertThat(commands.get(0).arguments()).containsExactly("SET", "plain", "value");
        assertThat(commands.get(1).arguments()).containsExactly("HSET", "h", "two words", "single ' quote", "esc\t\nA\"\\");
        assertThat(commands.get(2).arguments()).containsExactly("SET", "empty", "");
    }

    @Test
    void badQuotesNameFileAndLine() {
        assertThatThrownBy(() -> RedisScript.parse("SET a 1\nSET b \"open", "V2__x.redis"))
                .hasMessage("V2__x.redis:2: unbalanced quotes (close the quote on the same line; use \\n for a newline)");
        assertThatThrownBy(() -> RedisScript.parse("SET \"a\"b 1", "V3__x.redis")).hasMessageStartingWith("V3__x.redis:1: a closing quote");
    }
}
