package io.cairn.testkit.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Child-JVM entry point of the kit's S3-compatible server: s3proxy over the jclouds "filesystem"
 * provider, on 127.0.0.1, with AWS v2/v4 signatures checked. Usage:
 * {@code --port N --directory PATH --bucket NAME}; the access key and secret key come from the
 * environment (CAIRN_S3_ACCESS_KEY, CAIRN_S3_SECRET_KEY) so they never show in process listings.
 */
public final class S3ProxyMain {
    /** Printed once the server accepts requests and the bucket exists; the parent waits for it. */
    public static final String READY = "cairn-testkit s3 server ready";
    public static final String ACCESS_KEY_VARIABLE = "CAIRN_S3_ACCESS_KEY";
    public static final String SECRET_KEY_VARIABLE = "CAIRN_S3_SECRET_KEY";

    private S3ProxyMain() {
    }

    public static void main(String[] arguments) throws Exception {
        int port = 0;
        Path directory = null;
        String bucket = null;
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            switch (arguments[i]) {
                case "--port" -> port = Integer.parseInt(arguments[i + 1]);
                case "--directory" -> directory = Path.of(arguments[i + 1]);
                case "--bucket" -> bucket = arguments[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + arguments[i]
                        + "; usage: --port N --directory PATH --bucket NAME");
            }
        }
        String accessKey = System.getenv(ACCESS_KEY_VARIABLE);
        String secretKey = System.getenv(SECRET_KEY_VARIABLE);
        if (port == 0 || directory == null || bucket == null || accessKey == null || secretKey == null) {
            throw new IllegalArgumentException("usage: --port N --directory PATH --bucket NAME with "
                    + ACCESS_KEY_VARIABLE + " and " + SECRET_KEY_VARIABLE + " set");
        }
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .credentials(accessKey, secretKey)
                .overrides(properties)
                .build(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, bucket);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(24)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                System.err.println("s3proxy stop failed: " + e);
            }
            context.close();
        }, "s3proxy-shutdown"));
        proxy.start();
        awaitStarted(proxy);
        System.out.println(READY + " on 127.0.0.1:" + port);
        System.out.flush();
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: state " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }
}
