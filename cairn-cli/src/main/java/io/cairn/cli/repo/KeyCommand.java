package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import io.cairn.cli.Table;
import io.cairn.cli.TerminalPrompt;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.KeyInfo;
import io.cairn.repository.Passphrase;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn key add|list|remove|passwd}: the passphrases that unlock the repository's master
 * key. Changing them never re-encrypts data.
 */
@Command(name = "key", description = "Manage the passphrases that unlock the repository.",
        subcommands = {KeyCommand.ListKeys.class, KeyCommand.Add.class, KeyCommand.Remove.class, KeyCommand.Passwd.class})
public final class KeyCommand {

    /** The new passphrase: --new-password-file, else $CAIRN_NEW_PASSWORD, else a prompt (twice). */
    static final class NewPassphrase {
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new passphrase from FILE "
                + "(default: $CAIRN_NEW_PASSWORD, then a prompt).")
        Path file;

        Passphrase resolve() {
            if (file != null) {
                return Passphrase.fromFile(file);
            }
            String fromEnvironment = System.getenv("CAIRN_NEW_PASSWORD");
            if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                return Passphrase.of(fromEnvironment);
            }
            return TerminalPrompt.INSTANCE.ask("new passphrase", true).orElseThrow(() -> new CairnException(ErrorCode.USAGE,
                    "no new passphrase: pass --new-password-file FILE or set CAIRN_NEW_PASSWORD (no terminal to prompt on)"));
        }
    }

    @Command(name = "list", description = "List the keys; * marks the one that opened the repository.")
    static final class ListKeys extends RepositoryCommand<List<KeyInfo>> {
        @Override
        protected List<KeyInfo> run(Repository repository, ProgressListener progress) {
            return repository.listKeys();
        }

        @Override
        protected void print(PrintWriter out, List<KeyInfo> keys) {
            Table table = new Table("", "ID", "USER", "HOST", "CREATED", "KDF");
            for (KeyInfo key : keys) {
                table.row(key.current() ? "*" : "", key.shortId(), key.user(), key.host(), key.created(),
                        key.kdf().algorithm() + " m=" + key.kdf().memoryKiB() + "KiB t=" + key.kdf().iterations());
            }
            table.print(out);
        }
    }

    @Command(name = "add", description = "Add a passphrase that also unlocks the repository.")
    static final class Add extends RepositoryCommand<KeyInfo> {
        @Mixin
        NewPassphrase newPassphrase;

        @Override
        protected KeyInfo run(Repository repository, ProgressListener progress) {
            return repository.addKey(newPassphrase.resolve(), KeyDerivation.defaults());
        }

        @Override
        protected void print(PrintWriter out, KeyInfo key) {
            out.printf("added key %s%n", key.shortId());
        }
    }

    @Command(name = "remove", description = "Remove a key (not the last one, not the one in use).")
    static final class Remove extends RepositoryCommand<KeyInfo> {
        @Parameters(index = "0", paramLabel = "KEY", description = "Key id or unique prefix.")
        String key;

        @Override
        protected KeyInfo run(Repository repository, ProgressListener progress) {
            return repository.removeKey(key);
        }

        @Override
        protected void print(PrintWriter out, KeyInfo removed) {
            out.printf("removed key %s%n", removed.shortId());
        }
    }

    @Command(name = "passwd", description = "Change the passphrase of the key in use.")
    static final class Passwd extends RepositoryCommand<KeyInfo> {
        @Mixin
        NewPassphrase newPassphrase;

        @Override
        protected KeyInfo run(Repository repository, ProgressListener progress) {
            return repository.changePassphrase(newPassphrase.resolve(), KeyDerivation.defaults());
        }

        @Override
        protected void print(PrintWriter out, KeyInfo key) {
            out.printf("changed the passphrase; the key is now %s%n", key.shortId());
        }
    }
}
