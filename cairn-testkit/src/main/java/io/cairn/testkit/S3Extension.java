package io.cairn.testkit;

import io.cairn.embedded.JavaServer;
import io.cairn.testkit.internal.TestDirectories;
import io.cairn.testkit.s3.S3ProxyClasspath;
import io.cairn.testkit.s3.S3ProxyMain;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * An S3-compatible server for tests: s3proxy over the jclouds filesystem provider (objects are
 * files under the server directory), in a separate child JVM on its own classpath, on a free
 * loopback port, checking AWS v2/v4 signatures. One bucket ({@link #bucket()}) exists at start.
 * Clients must use path-style access ({@code forcePathStyle(true)} in the AWS SDK v2) and
 * {@link #region()} "us-east-1".
 */
public final class S3Extension extends ServerExtension<JavaServer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String bucket;
    private final String accessKey;
    private final String secretKey;

    private S3Extension(Builder builder) {
        this.bucket = builder.bucket;
        this.accessKey = "CAIRNTEST" + randomText(11).toUpperCase(java.util.Locale.ROOT);
        this.secretKey = randomText(40);
    }

    public static S3Extension create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String randomText(int length) {
        String alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @Override
    protected JavaServer createServer() {
        return JavaServer.builder("S3", S3ProxyMain.class.getName())
                .classpath(S3ProxyClasspath.entries())
                .directory(TestDirectories.create("s3"))
                .keepDirectory(TestDirectories.keep())
                .arguments((port, directory) -> List.of("--port", Integer.toString(port),
                        "--directory", directory.resolve("blobs").toString(), "--bucket", bucket))
                .environment(S3ProxyMain.ACCESS_KEY_VARIABLE, accessKey)
                .environment(S3ProxyMain.SECRET_KEY_VARIABLE, secretKey)
                .readyLine(S3ProxyMain.READY)
                .build();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://" + host() + ":" + port());
    }

    public String accessKey() {
        return accessKey;
    }

    /** Never log it. */
    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return "us-east-1";
    }

    /** The bucket created at start. */
    public String bucket() {
        return bucket;
    }

    /** The access key (S3 has no separate user name). */
    @Override
    public String user() {
        return accessKey;
    }

    @Override
    public String password() {
        return secretKey;
    }

    /** {@code s3://127.0.0.1:PORT/BUCKET} (endpoint, then bucket; keys are passed separately). */
    @Override
    public String cairnUrl() {
        return "s3://" + host() + ":" + port() + "/" + bucket;
    }

    /** Options: the bucket name (default "cairn-test"). */
    public static final class Builder {
        private String bucket = "cairn-test";

        private Builder() {
        }

        public Builder bucket(String value) {
            if (!Objects.requireNonNull(value, "bucket").matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("not a valid S3 bucket name: " + value);
            }
            this.bucket = value;
            return this;
        }

        public S3Extension build() {
            return new S3Extension(this);
        }
    }
}
