package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepositoryConfigTest {
    @Test
    void readsUrlAndPasswordReference() {
        CairnConfig config = CairnConfig.parse("repository:\n  url: /backups/main\n  password: \"${CAIRN_PASSWORD}\"\n",
                "cairn.yaml", Environment.of(Map.of("CAIRN_PASSWORD", "s3cret")));
        RepositoryConfig repository = RepositoryConfig.from(config).orElseThrow();
        assertThat(repository.location().directory()).contains(Path.of("/backups/main"));
        assertThat(repository.passphrase()).isPresent();
        assertThat(repository.toString()).doesNotContain("s3cret");
    }

    @Test
    void absentSectionIsEmptyAndUnknownKeysAreRejected() {
        assertThat(RepositoryConfig.from(CairnConfig.parse("databases: {}\n", "cairn.yaml", Environment.of(Map.of()))))
                .isEmpty();
        assertThatThrownBy(() -> RepositoryConfig.from(CairnConfig.parse("repository:\n  url: /x\n  pasword: y\n",
                "cairn.yaml", Environment.of(Map.of())))).isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("pasword");
                });
    }
}
