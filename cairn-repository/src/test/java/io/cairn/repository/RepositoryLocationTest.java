package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.repository.storage.S3Settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepositoryLocationTest {
    @Test
    void localPaths() {
        assertThat(RepositoryLocation.parse("/backups/main", Map.of()).directory()).contains(Path.of("/backups/main"));
        assertThat(RepositoryLocation.parse("file:///backups/x", Map.of()).directory()).contains(Path.of("/backups/x"));
        assertThat(RepositoryLocation.parse("rel/dir", Map.of()).directory().orElseThrow()).isAbsolute();
    }

    @Test
    void awsBucketWithPrefixAndEnvironmentCredentials() {
        S3Settings settings = RepositoryLocation.parse("s3://my-bucket/team/main",
                Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AK", "AWS_SECRET_ACCESS_KEY", "SK"))
                .s3Settings().orElseThrow();
        assertThat(settings.bucket()).isEqualTo("my-bucket");
        assertThat(settings.prefix()).isEqualTo("team/main");
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.credentials().orElseThrow().accessKey()).isEqualTo("AK");
        assertThat(settings.toString()).doesNotContain("SK,").doesNotContain("SK]");
    }

    @Test
    void customEndpoints() {
        S3Settings hostPort = RepositoryLocation.parse("s3://127.0.0.1:9000/bucket/p", Map.of()).s3Settings().orElseThrow();
        assertThat(hostPort.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(hostPort.bucket()).isEqualTo("bucket");
        assertThat(hostPort.pathStyle()).isTrue();
        S3Settings restic = RepositoryLocation.parse("s3:https://minio.local/b", Map.of()).s3Settings().orElseThrow();
        assertThat(restic.endpoint()).isEqualTo(Optional.of(URI.create("https://minio.local")));
        assertThat(restic.bucket()).isEqualTo("b");
        assertThat(restic.prefix()).isEmpty();
    }

    @Test
    void emptyIsAUsageError() {
        assertThatThrownBy(() -> RepositoryLocation.parse(" ", Map.of())).isInstanceOf(CairnException.class);
    }
}
