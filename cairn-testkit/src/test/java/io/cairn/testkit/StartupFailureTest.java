package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cairn.embedded.EmbeddedServerException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupFailureTest {

    @Test
    void aServerThatCannotStartSaysWhyAndLeavesNothingBehind() {
        PostgresExtension broken = PostgresExtension.builder().setting("shared_buffers", "lots").build();
        Path directory = broken.directory();
        try {
            EmbeddedServerException failure = catchThrowableOfType(broken::start, EmbeddedServerException.class);
            assertThat(failure.getMessage()).startsWith("PostgreSQL 15").contains("did not start")
                    .contains("shared_buffers").doesNotContain("\n");
            assertThat(failure.logTail()).contains("invalid value for parameter \"shared_buffers\"");
            assertThat(failure.toString()).contains("server log tail");
            assertThat(broken.isRunning()).isFalse();
        } finally {
            broken.close();
        }
        assertThat(directory).doesNotExist();
    }
}
