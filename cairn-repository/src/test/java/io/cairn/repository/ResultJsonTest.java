package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every result record renders as JSON for `--json` (with the standard modules) and holds no secret. */
class ResultJsonTest {
    @TempDir
    Path temp;

    @Test
    void resultsSerialiseWithoutSecrets() throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        StringBuilder json = new StringBuilder();
        try (Repository repository = TestRepositories.init(temp.resolve("repo"))) {
            BackupResult backup = repository.backupStream("x", new ByteArrayInputStream(new byte[5000]),
                    new FixedChunker(4096), BackupOptions.defaults().withTags("t"), json::append);
            for (Object result : List.of(backup, repository.info(), repository.snapshots(), repository.listKeys(),
                    repository.check(true, ProgressListener.NONE),
                    repository.forget(RetentionPolicy.none().withKeepLast(1), true),
                    repository.prune(PruneOptions.defaults().withDryRun(), ProgressListener.NONE),
                    repository.restore("latest", temp.resolve("out"), RestoreOptions.defaults(), ProgressListener.NONE),
                    repository.unlock(false), repository.locks())) {
                json.append(mapper.writeValueAsString(result)).append('\n');
            }
        }
        assertThat(json.toString()).contains("\"snapshotId\"").contains("\"parent\":null")
                .doesNotContain("correct horse").doesNotContain("present");
    }
}
