package io.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ExtensionTest {
    @RegisterExtension
    static final S3Extension s3 = S3Extension.create();

    private static S3Client client(String secretKey) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secretKey)))
                .build();
    }

    @Test
    void storesObjectsInTheBucketAndKeepsThemAcrossKill() {
        try (S3Client client = client(s3.secretKey())) {
            assertThat(client.listBuckets().buckets()).anyMatch(bucket -> bucket.name().equals(s3.bucket()));
            client.putObject(put -> put.bucket(s3.bucket()).key("a/b.txt"), RequestBody.fromString("cairn"));
            assertThat(client.getObjectAsBytes(get -> get.bucket(s3.bucket()).key("a/b.txt")).asUtf8String())
                    .isEqualTo("cairn");
        }
        s3.kill();
        assertThat(s3.isRunning()).isFalse();
        s3.start();
        try (S3Client client = client(s3.secretKey())) {
            assertThat(client.getObjectAsBytes(get -> get.bucket(s3.bucket()).key("a/b.txt")).asUtf8String())
                    .isEqualTo("cairn");
        }
    }

    @Test
    void rejectsAWrongSecretKey() {
        try (S3Client client = client("wrong-secret")) {
            assertThatThrownBy(() -> client.listObjectsV2(list -> list.bucket(s3.bucket())))
                    .isInstanceOf(S3Exception.class);
        }
    }
}
