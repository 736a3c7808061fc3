package io.cairn.cli.repo;

import java.io.Console;
import java.nio.file.Path;
import java.util.Optional;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.ConfigSection;
import io.cairn.core.config.Secret;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.storage.LocalStorage;
import io.cairn.repository.storage.Storage;
import picocli.CommandLine.Option;

/**
 * Options every repository command shares, and how they resolve: the repository URL from
 * --repo, else {@code repository.url} in the config file; the passphrase from --password-file,
 * else {@code repository.password} in the config, else $CAIRN_PASSWORD, else a prompt on the
 * terminal. The passphrase never appears in output or errors.
 */
public final class RepositoryAccess {

    @Option(names = {"-r", "--repo"}, paramLabel = "URL",
            description = "Repository: a directory or s3://bucket/prefix (default: repository.url in the config file).")
    String repo;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the repository passphrase from the first line of FILE (default: repository.password "
                    + "in the config, then $CAIRN_PASSWORD, then a prompt).")
    Path passwordFile;

    /** Opens an existing repository. */
    public Repository open(Optional<CairnConfig> config) {
        return Repository.open(storage(config), passphrase(config, false));
    }

    public Storage storage(Optional<CairnConfig> config) {
        String url = url(config);
        if (url.startsWith("s3://")) {
            return S3Locations.storage(url);
        }
        return new LocalStorage(Path.of(url));
    }

    public String url(Optional<CairnConfig> config) {
        if (repo != null && !repo.isBlank()) {
            return repo;
        }
        return config.flatMap(c -> c.section("repository")).flatMap(s -> s.optionalString("url"))
                .orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                        "no repository given: pass --repo /path/or/s3://bucket/prefix, or set repository.url in cairn.yaml"));
    }

    /** The passphrase; {@code confirm} asks twice on a terminal (for init and new keys). */
    public Passphrase passphrase(Optional<CairnConfig> config, boolean confirm) {
        if (passwordFile != null) {
            return Passphrase.fromFile(passwordFile);
        }
        Optional<Secret> configured = config.flatMap(c -> c.section("repository")).flatMap(s -> s.secret("password"));
        if (configured.isPresent()) {
            return Passphrase.of(configured.get().reveal());
        }
        return Passphrase.fromEnvironment().orElseGet(() -> prompt("repository passphrase", confirm));
    }

    static Passphrase prompt(String what, boolean confirm) {
        Console console = System.console();
        if (console == null) {
            throw new CairnException(ErrorCode.USAGE, "no " + what + ": set CAIRN_PASSWORD, pass --password-file FILE, "
                    + "or set repository.password in cairn.yaml (no terminal to prompt on)");
        }
        char[] first = console.readPassword("Enter %s: ", what);
        if (confirm) {
            char[] second = console.readPassword("Enter %s again: ", what);
            if (!java.util.Arrays.equals(first, second)) {
                throw new CairnException(ErrorCode.USAGE, "the two passphrases differ; nothing was changed");
            }
        }
        return Passphrase.of(first == null ? new char[0] : first);
    }

    static Optional<ConfigSection> section(Optional<CairnConfig> config) {
        return config.flatMap(c -> c.section("repository"));
    }
}
