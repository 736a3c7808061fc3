package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.config.Secret;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code repository} section of the configuration file, which makes {@code --repo}
 * optional:
 * <pre>
 * repository:
 *   url: /backups/main                 # or s3://bucket/prefix, s3://host:port/bucket/prefix
 *   password: "${CAIRN_PASSWORD}"      # or password-file: /run/secrets/cairn
 * </pre>
 * S3 credentials and region come from the AWS environment ({@code AWS_ACCESS_KEY_ID}, …).
 *
 * @param url          where the repository is (see {@link RepositoryLocation})
 * @param password     the passphrase, usually a {@code ${VARIABLE}} or {@code ${file:…}} reference
 * @param passwordFile a file whose first line is the passphrase
 */
public record RepositoryConfig(String url, Optional<Secret> password, Optional<Path> passwordFile) {
    public static final Set<String> KEYS = Set.of("url", "password", "password-file");

    public RepositoryConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }

    /** The section, validated, or empty when the file has no {@code repository} section. */
    public static Optional<RepositoryConfig> from(CairnConfig config) {
        return config.section("repository").map(RepositoryConfig::from);
    }

    static RepositoryConfig from(ConfigSection section) {
        section.requireOnlyKeys(KEYS);
        if (section.has("password") && section.has("password-file")) {
            throw section.error("password-file", "give either password or password-file, not both",
                    "remove one of them");
        }
        String url = section.string("url");
        RepositoryLocation.parse(url);
        return new RepositoryConfig(url, section.secret("password"),
                section.optionalString("password-file").map(Path::of));
    }

    public RepositoryLocation location() {
        return RepositoryLocation.parse(url);
    }

    /** The configured passphrase (password, else password-file), if any. */
    public Optional<Passphrase> passphrase() {
        if (password.isPresent()) {
            if (password.get().isEmpty()) {
                throw new CairnException(ErrorCode.CONFIG, "repository.password is empty; is the variable it names set?");
            }
            return Optional.of(Passphrase.of(password.get()));
        }
        return passwordFile.map(Passphrase::fromFile);
    }
}
