package io.cairn.cli;

import java.nio.file.Path;

import io.cairn.CairnBuilder;
import picocli.CommandLine.Option;

/**
 * The repository flags every command that reads or writes the repository shares. They are the
 * first step of the facade's one rule (see {@link io.cairn.CairnBuilder}): the repository from
 * --repo, else {@code repository.url}; the passphrase from --password-file, else
 * {@code repository.password}/{@code password-file}, else $CAIRN_PASSWORD, else a prompt on the
 * terminal. The passphrase never appears in output or errors.
 */
public final class RepositoryFlags {

    @Option(names = {"-r", "--repo"}, paramLabel = "URL",
            description = "Repository: a directory, s3://bucket/prefix or s3://host:port/bucket/prefix "
                    + "(default: repository.url in the config file).")
    String repo;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the repository passphrase from the first line of FILE (default: repository.password "
                    + "in the config, then $CAIRN_PASSWORD, then a prompt).")
    Path passwordFile;

    /** Applies the flags given to the facade's options. */
    public CairnBuilder applyTo(CairnBuilder builder) {
        if (repo != null && !repo.isBlank()) {
            builder.repository(repo);
        }
        if (passwordFile != null) {
            builder.passwordFile(passwordFile);
        }
        return builder;
    }
}
