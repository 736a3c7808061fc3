package io.cairn.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.CairnJson;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Secrets never reach toString(), JSON or error messages. */
class SecretRedactionTest {
    private static final String PASSWORD = "s3cr3t-Pa55";

    private static CairnConfig config() {
        return CairnConfig.parse("databases:\n  main: { type: postgresql, url: \"postgresql://app@h/app\", password: \"${PW}\" }\n",
                "cairn.yaml", Environment.of(Map.of("PW", PASSWORD)));
    }

    @Test
    void secretPrintsAsMaskAndRevealsOnRequest() {
        Secret secret = Secret.of(PASSWORD);

        assertThat(secret).hasToString("******");
        assertThat(secret.reveal()).isEqualTo(PASSWORD);
        assertThat(secret).isEqualTo(Secret.of(PASSWORD)).isNotEqualTo(Secret.of("other"));
        assertThat(String.valueOf(Optional.of(secret))).doesNotContain(PASSWORD);
    }

    @Test
    void configToStringNeverShowsThePassword() {
        CairnConfig config = config();

        assertThat(config.toString()).doesNotContain(PASSWORD).contains("******");
        assertThat(config.database("main").toString()).doesNotContain(PASSWORD);
        assertThat(config.section("databases").orElseThrow().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void jsonMasksSecrets() throws Exception {
        String json = CairnJson.mapper().writeValueAsString(config().database("main"));

        assertThat(json).doesNotContain(PASSWORD).contains("\"password\":\"******\"")
                .contains("\"url\":\"postgresql://app@h:5432/app\"").contains("\"type\":\"postgresql\"");
        assertThat(CairnJson.mapper().writeValueAsString(Secret.of(PASSWORD))).isEqualTo("\"******\"");
    }

    @Test
    void wrongTypeErrorsDoNotEchoResolvedSecrets() {
        String message = org.assertj.core.api.Assertions.catchThrowable(() -> CairnConfig.parse(
                "databases:\n  main: { type: redis, url: \"redis://h\", pool: { max: \"${PW}\" } }\n",
                "cairn.yaml", Environment.of(Map.of("PW", PASSWORD)))).getMessage();

        assertThat(message).doesNotContain(PASSWORD).contains("${PW}");
    }
}
