package io.cairn.repository.storage;

import io.cairn.core.Sleeper;
import io.cairn.core.retry.Backoff;
import io.cairn.core.retry.Retry;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket (AWS SDK v2, synchronous client). A PUT is atomic (readers see
 * the old object or the whole new one) and durable once acknowledged, which is what
 * {@link Storage#write} promises; each PUT carries Content-MD5 so the server rejects a body
 * damaged in transit. Transient failures (5xx, 429/throttling, I/O) are retried with
 * exponential backoff and full jitter (AWS's recommendation) by core's {@link Retry}; the
 * SDK's own retries are off so there is one policy, stated here.
 */
public final class S3Storage implements Storage {
    private final S3Settings settings;
    private final S3Client client;
    /** Waits never grow beyond this. */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private final Retry retry;

    public S3Storage(S3Settings settings) {
        this.settings = settings;
        this.client = buildClient(settings);
        this.retry = retry(describe(), settings.maxAttempts(), settings.firstBackoff(), Sleeper.system());
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public List<StoredObject> list(String prefix) {
        return call("list " + prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(key(prefix)).build();
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                if (object.key().endsWith("/")) {
                    continue; // directory markers some servers (and consoles) create; never ours
                }
                objects.add(new StoredObject(nameOf(object.key()), object.size(), object.lastModified()));
            }
            return objects;
        });
    }

    @Override
    public byte[] read(String name) {
        return call("read " + name, () -> client.getObjectAsBytes(request -> request.bucket(settings.bucket())
                .key(key(name))).asByteArray());
    }

    @Override
    public byte[] read(String name, long offset, int length) {
        if (length == 0) {
            return new byte[0];
        }
        return call("read " + name, () -> {
            try {
                return client.getObjectAsBytes(request -> request.bucket(settings.bucket()).key(key(name))
                        .range("bytes=" + offset + "-" + (offset + length - 1))).asByteArray();
            } catch (S3Exception e) {
                if (e.statusCode() == 416) {
                    return new byte[0];
                }
                throw e;
            }
        });
    }

    @Override
    public void write(String name, byte[] content) {
        String md5 = Base64.getEncoder().encodeToString(md5(content));
        call("write " + name, () -> client.putObject(request -> request.bucket(settings.bucket()).key(key(name))
                .contentMD5(md5).contentLength((long) content.length), RequestBody.fromBytes(content)));
    }

    @Override
    public boolean delete(String name) {
        if (stat(name).isEmpty()) {
            return false;
        }
        call("delete " + name, () -> client.deleteObject(request -> request.bucket(settings.bucket()).key(key(name))));
        return true;
    }

    @Override
    public Optional<StoredObject> stat(String name) {
        return call("stat " + name, () -> {
            try {
                HeadObjectResponse head = client.headObject(request -> request.bucket(settings.bucket()).key(key(name)));
                return Optional.of(new StoredObject(name, head.contentLength(), head.lastModified()));
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void close() {
        client.close();
    }

    private String key(String name) {
        return settings.prefix().isEmpty() ? name : settings.prefix() + "/" + name;
    }

    private String nameOf(String key) {
        return settings.prefix().isEmpty() ? key : key.substring(settings.prefix().length() + 1);
    }

    /** Full jitter: each wait is random in (0, min(20s, first x 2^(retry-1))]. */
    static Retry retry(String repository, int attempts, Duration first, Sleeper sleeper) {
        Duration max = first.compareTo(MAX_BACKOFF) > 0 ? first : MAX_BACKOFF;
        return Retry.builder("repository " + repository).attempts(attempts)
                .backoff(new Backoff(first, max, 2.0, 1.0)).sleeper(sleeper).build();
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return retry.run(request, S3Storage::isTransient);
        } catch (S3Exception e) {
            throw translate(action, e);
        } catch (SdkClientException e) {
            throw new CairnException(ErrorCode.CONNECTION_FAILED, "repository " + describe() + ": cannot " + action
                    + ": " + e.getMessage() + " (after " + settings.maxAttempts() + " attempts)", e);
        }
    }

    private CairnException translate(String action, S3Exception e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String prefix = "repository " + describe() + ": cannot " + action + ": ";
        if (e.statusCode() == 404) {
            return "NoSuchBucket".equals(code)
                    ? new CairnException(ErrorCode.NOT_FOUND, prefix + "bucket " + settings.bucket() + " does not exist", e)
                    : new CairnException(ErrorCode.NOT_FOUND, prefix + "no such object", e);
        }
        if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
            return new CairnException(ErrorCode.AUTHENTICATION_FAILED, prefix + "the S3 credentials were refused ("
                    + code + "); check the access key and secret", e);
        }
        if (e.statusCode() == 403) {
            return new CairnException(ErrorCode.PERMISSION_DENIED, prefix + "access denied; the key needs s3:GetObject, "
                    + "PutObject, DeleteObject and ListBucket on the bucket", e);
        }
        return new CairnException(ErrorCode.STORAGE, prefix + "HTTP " + e.statusCode() + " " + code, e);
    }

    static boolean isTransient(RuntimeException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            return s3.statusCode() >= 500 || s3.statusCode() == 429 || s3.isThrottlingException()
                    || "RequestTimeout".equals(code) || "SlowDown".equals(code);
        }
        return e instanceof SdkClientException;
    }

    private static S3Client buildClient(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.credentials()
                .<AwsCredentialsProvider>map(pair -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(pair.accessKey(), new String(pair.secretKey()))))
                .orElseGet(DefaultCredentialsProvider::create);
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMinutes(2)))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16)
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static byte[] md5(byte[] content) {
        try {
            return MessageDigest.getInstance("MD5").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
