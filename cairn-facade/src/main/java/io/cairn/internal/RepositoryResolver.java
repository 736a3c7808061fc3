package io.cairn.internal;

import io.cairn.PassphrasePrompt;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.Passphrase;
import io.cairn.repository.RepositoryConfig;
import io.cairn.repository.RepositoryLocation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one rule for which repository Cairn opens and with which passphrase, for the library, the
 * CLI, the agent and the WAL entry points alike.
 * <ul>
 * <li>Location: the builder's {@code repository(url)} (the CLI's {@code --repo}), else
 *     {@code repository.url} of the configuration.</li>
 * <li>Passphrase: the builder's {@code passwordFile} ({@code --password-file}), else
 *     {@code repository.password} / {@code password-file} of the configuration, else
 *     {@code $CAIRN_PASSWORD}, else the prompt (the CLI's terminal), else an error naming all four.</li>
 * </ul>
 * The passphrase never appears in output or errors.
 */
public final class RepositoryResolver {
    private final Optional<String> url;
    private final Optional<Path> passwordFile;
    private final Optional<RepositoryConfig> section;
    private final PassphrasePrompt prompt;

    public RepositoryResolver(Optional<String> url, Optional<Path> passwordFile, Optional<RepositoryConfig> section,
            PassphrasePrompt prompt) {
        this.url = url.filter(value -> !value.isBlank());
        this.passwordFile = passwordFile;
        this.section = section;
        this.prompt = prompt;
    }

    /** Where the repository is. */
    public RepositoryLocation location() {
        if (url.isPresent()) {
            return RepositoryLocation.parse(url.get());
        }
        return section.map(RepositoryConfig::location).orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                "no repository given: pass --repo /path or s3://bucket/prefix, or set repository.url in cairn.yaml"));
    }

    /** The passphrase by the rule above; {@code confirm} asks twice on a prompt (a new repository). */
    public Passphrase passphrase(boolean confirm) {
        if (passwordFile.isPresent()) {
            return Passphrase.fromFile(passwordFile.get());
        }
        return section.flatMap(RepositoryConfig::passphrase)
                .or(Passphrase::fromEnvironment)
                .or(() -> prompt.ask("repository passphrase", confirm))
                .orElseThrow(() -> new CairnException(ErrorCode.USAGE, "no repository passphrase: pass --password-file FILE, "
                        + "set repository.password or repository.password-file in cairn.yaml, or set "
                        + Passphrase.ENVIRONMENT_VARIABLE + " (no terminal to prompt on)"));
    }

    /** The file the passphrase comes from, when it comes from a file (a restore's restore_command may read it). */
    public Optional<Path> passwordFile() {
        return passwordFile.or(() -> section.flatMap(RepositoryConfig::passwordFile));
    }
}
