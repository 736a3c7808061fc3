package io.cairn.repository.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.testkit.S3Extension;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract against a real S3-compatible server (s3proxy from the test kit). */
class S3StorageTest extends StorageContract {
    @RegisterExtension
    static final S3Extension S3 = S3Extension.create();

    static S3Storage storageAt(String prefix) {
        return new S3Storage(S3Settings.of(S3.endpoint(), S3.region(), S3.bucket(), prefix,
                new S3Settings.Credentials(S3.accessKey(), S3.secretKey().toCharArray())));
    }

    @Override
    Storage storage() {
        return storageAt("contract-" + UUID.randomUUID());
    }

    @Test
    void wrongCredentialsAreAuthenticationFailed() {
        S3Storage storage = new S3Storage(S3Settings.of(S3.endpoint(), S3.region(), S3.bucket(), "x",
                new S3Settings.Credentials(S3.accessKey(), "not-the-secret".toCharArray())));
        assertThatThrownBy(() -> storage.list("")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(e.getMessage()).contains("s3://" + S3.bucket()).doesNotContain("not-the-secret");
        });
    }

    @Test
    void aMissingBucketIsNotFound() {
        S3Storage storage = new S3Storage(S3Settings.of(S3.endpoint(), S3.region(), "no-such-bucket", "",
                new S3Settings.Credentials(S3.accessKey(), S3.secretKey().toCharArray())));
        assertThatThrownBy(() -> storage.read("config")).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
