package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.storage.LocalStorage;
import io.cairn.repository.storage.S3Settings;
import io.cairn.repository.storage.S3Storage;
import io.cairn.repository.storage.Storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a repository is, parsed from the text a user writes:
 * <ul>
 *   <li>{@code /backups/main}, {@code backups/main}, {@code file:///backups/main} — a local directory;</li>
 *   <li>{@code s3://bucket/prefix} — AWS S3 (endpoint from {@code AWS_ENDPOINT_URL} if set);</li>
 *   <li>{@code s3://host:port/bucket/prefix} — an S3-compatible server at http://host:port
 *       (https for port 443), path-style;</li>
 *   <li>{@code s3:https://host/bucket/prefix} — restic's form, any endpoint URL.</li>
 * </ul>
 * S3 credentials come from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, else the AWS
 * default chain (profile, instance role); the region from {@code AWS_REGION} or
 * {@code AWS_DEFAULT_REGION}, else us-east-1.
 */
public final class RepositoryLocation {
    private final String url;
    private final Optional<Path> directory;
    private final Optional<S3Settings> s3;

    private RepositoryLocation(String url, Optional<Path> directory, Optional<S3Settings> s3) {
        this.url = url;
        this.directory = directory;
        this.s3 = s3;
    }

    public static RepositoryLocation parse(String url) {
        return parse(url, System.getenv());
    }

    /** Parses with the given environment instead of the process's (for tests and the config loader). */
    public static RepositoryLocation parse(String url, Map<String, String> environment) {
        if (url == null || url.isBlank()) {
            throw new CairnException(ErrorCode.USAGE, "no repository given; pass --repo /path or s3://bucket/prefix, "
                    + "or set repository.url in the config file");
        }
        String text = url.trim();
        if (text.startsWith("s3:")) {
            return new RepositoryLocation(text, Optional.empty(), Optional.of(s3(text, environment)));
        }
        Path path = text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
        return new RepositoryLocation(text, Optional.of(path.toAbsolutePath().normalize()), Optional.empty());
    }

    public String url() {
        return url;
    }

    public boolean isS3() {
        return s3.isPresent();
    }

    /** The local directory, for local locations. */
    public Optional<Path> directory() {
        return directory;
    }

    /** The S3 settings, for S3 locations. */
    public Optional<S3Settings> s3Settings() {
        return s3;
    }

    /** Opens the storage; close it (or the {@link Repository} using it) when done. */
    public Storage open() {
        return directory.<Storage>map(LocalStorage::new).orElseGet(() -> new S3Storage(s3.orElseThrow()));
    }

    @Override
    public String toString() {
        return url;
    }

    private static S3Settings s3(String text, Map<String, String> environment) {
        Optional<URI> endpoint;
        String rest;
        if (text.startsWith("s3:http://") || text.startsWith("s3:https://")) {
            URI uri = URI.create(text.substring(3));
            endpoint = Optional.of(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()));
            rest = uri.getPath();
        } else if (text.startsWith("s3://")) {
            URI uri = URI.create(text);
            if (uri.getPort() > 0) {
                endpoint = Optional.of(URI.create((uri.getPort() == 443 ? "https" : "http") + "://" + uri.getRawAuthority()));
                rest = uri.getPath();
            } else {
                endpoint = Optional.ofNullable(environment.get("AWS_ENDPOINT_URL")).filter(value -> !value.isBlank())
                        .map(URI::create);
                rest = uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
            }
        } else {
            throw new CairnException(ErrorCode.USAGE, "'" + text + "' is not an S3 location; use s3://bucket/prefix");
        }
        String trimmed = rest == null ? "" : rest.replaceAll("^/+", "");
        int slash = trimmed.indexOf('/');
        String bucket = slash < 0 ? trimmed : trimmed.substring(0, slash);
        String prefix = slash < 0 ? "" : trimmed.substring(slash + 1);
        String region = Optional.ofNullable(environment.get("AWS_REGION"))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION"))).orElse("us-east-1");
        Optional<S3Settings.Credentials> credentials = Optional.ofNullable(environment.get("AWS_ACCESS_KEY_ID"))
                .filter(key -> environment.get("AWS_SECRET_ACCESS_KEY") != null)
                .map(key -> new S3Settings.Credentials(key, environment.get("AWS_SECRET_ACCESS_KEY").toCharArray()));
        return new S3Settings(endpoint, region, bucket, prefix, credentials, endpoint.isPresent(), 6,
                java.time.Duration.ofMillis(200));
    }
}
