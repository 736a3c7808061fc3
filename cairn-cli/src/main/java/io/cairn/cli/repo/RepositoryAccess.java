package io.cairn.cli.repo;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryConfig;
import io.cairn.repository.RepositoryLocation;
import io.cairn.repository.storage.Storage;
import picocli.CommandLine.Option;

/**
 * Options every repository command shares, and how they resolve: the repository from --repo,
 * else {@code repository.url} in the config file; the passphrase from --password-file, else
 * {@code repository.password}/{@code password-file} in the config, else $CAIRN_PASSWORD, else
 * a prompt on the terminal. The passphrase never appears in output or errors.
 */
public final class RepositoryAccess {

    @Option(names = {"-r", "--repo"}, paramLabel = "URL",
            description = "Repository: a directory, s3://bucket/prefix or s3://host:port/bucket/prefix "
                    + "(default: repository.url in the config file).")
    String repo;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the repository passphrase from the first line of FILE (default: repository.password "
                    + "in the config, then $CAIRN_PASSWORD, then a prompt).")
    Path passwordFile;

    /** Opens an existing repository. */
    public Repository open(Optional<CairnConfig> config) {
        Optional<RepositoryConfig> section = config.flatMap(RepositoryConfig::from);
        return Repository.open(storage(section), passphrase(section, false));
    }

    /** Creates a repository (asks for the passphrase twice on a terminal). */
    public Repository init(Optional<CairnConfig> config, io.cairn.repository.InitOptions options) {
        Optional<RepositoryConfig> section = config.flatMap(RepositoryConfig::from);
        return Repository.init(storage(section), passphrase(section, true), options);
    }

    private Storage storage(Optional<RepositoryConfig> section) {
        if (repo != null && !repo.isBlank()) {
            return RepositoryLocation.parse(repo).open();
        }
        return section.map(RepositoryConfig::location)
                .orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                        "no repository given: pass --repo /path or s3://bucket/prefix, or set repository.url in cairn.yaml"))
                .open();
    }

    private Passphrase passphrase(Optional<RepositoryConfig> section, boolean confirm) {
        if (passwordFile != null) {
            return Passphrase.fromFile(passwordFile);
        }
        return section.flatMap(RepositoryConfig::passphrase)
                .or(Passphrase::fromEnvironment)
                .orElseGet(() -> prompt("repository passphrase", confirm));
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
            if (!Arrays.equals(first, second)) {
                throw new CairnException(ErrorCode.USAGE, "the two passphrases differ; nothing was changed");
            }
        }
        return Passphrase.of(first == null ? new char[0] : first);
    }
}
