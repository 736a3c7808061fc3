package io.cairn.repository.storage;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach an S3 bucket.
 *
 * @param endpoint     custom endpoint (MinIO, s3proxy, Ceph…); empty = AWS
 * @param region       signing region, e.g. {@code us-east-1}
 * @param bucket       bucket name
 * @param prefix       key prefix of the repository inside the bucket ("" or "path/to/repo")
 * @param credentials  access key and secret; empty = the AWS default chain (environment, profile, instance role)
 * @param pathStyle    path-style requests ({@code endpoint/bucket/key}); needed by most non-AWS servers
 * @param maxAttempts  attempts per request on transient errors (5xx, throttling, I/O), with exponential backoff
 * @param firstBackoff wait before the first retry; doubles each time, with jitter, up to 20 s
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, String prefix,
        Optional<Credentials> credentials, boolean pathStyle, int maxAttempts, Duration firstBackoff) {

    /** An access key pair; the secret never appears in {@code toString()}. */
    public record Credentials(String accessKey, char[] secretKey) {
        public Credentials {
            Objects.requireNonNull(accessKey, "accessKey");
            secretKey = secretKey.clone();
        }

        @Override
        public String toString() {
            return "Credentials[" + accessKey + ", ****]";
        }
    }

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        if (bucket == null || bucket.isBlank()) {
            throw new CairnException(ErrorCode.CONFIG, "S3 repository: the bucket name is missing (s3://bucket/prefix)");
        }
        if (region == null || region.isBlank()) {
            throw new CairnException(ErrorCode.CONFIG, "S3 repository s3://" + bucket
                    + ": no region; set AWS_REGION (e.g. us-east-1)");
        }
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new CairnException(ErrorCode.CONFIG, "S3 repository: attempts " + maxAttempts + " is outside 1..20");
        }
    }

    public static S3Settings of(URI endpoint, String region, String bucket, String prefix, Credentials credentials) {
        return new S3Settings(Optional.of(endpoint), region, bucket, prefix, Optional.of(credentials), true, 6,
                Duration.ofMillis(200));
    }

    public S3Settings withRetries(int attempts, Duration firstWait) {
        return new S3Settings(endpoint, region, bucket, prefix, credentials, pathStyle, attempts, firstWait);
    }

    public S3Settings withPrefix(String value) {
        return new S3Settings(endpoint, region, bucket, value, credentials, pathStyle, maxAttempts, firstBackoff);
    }

    /** {@code s3://bucket/prefix}, for messages. */
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
