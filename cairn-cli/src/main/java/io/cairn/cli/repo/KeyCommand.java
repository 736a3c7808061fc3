package io.cairn.cli.repo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.cairn.cli.CairnCommand;
import io.cairn.cli.Json;
import io.cairn.cli.Table;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.KeyInfo;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
            return RepositoryAccess.prompt("new passphrase", true);
        }
    }

    @Command(name = "list", description = "List the keys; * marks the one that opened the repository.")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RepositoryAccess access;
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<KeyInfo> keys;
            try (Repository repository = access.open(CairnCommand.of(spec).optionalConfig())) {
                keys = repository.listKeys();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, keys);
                return 0;
            }
            Table table = new Table("", "ID", "USER", "HOST", "CREATED", "KDF");
            for (KeyInfo key : keys) {
                table.row(key.current() ? "*" : "", key.shortId(), key.user(), key.host(), key.created(),
                        key.kdf().algorithm() + " m=" + key.kdf().memoryKiB() + "KiB t=" + key.kdf().iterations());
            }
            table.print(out);
            return 0;
        }
    }

    @Command(name = "add", description = "Add a passphrase that also unlocks the repository.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RepositoryAccess access;
        @Mixin
        NewPassphrase newPassphrase;

        @Override
        public Integer call() {
            Optional<CairnConfig> config = CairnCommand.of(spec).optionalConfig();
            try (Repository repository = access.open(config)) {
                KeyInfo key = repository.addKey(newPassphrase.resolve(), KeyDerivation.defaults());
                spec.commandLine().getOut().printf("added key %s%n", key.shortId());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a key (not the last one, not the one in use).")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RepositoryAccess access;
        @Parameters(index = "0", paramLabel = "KEY", description = "Key id or unique prefix.")
        String key;

        @Override
        public Integer call() {
            try (Repository repository = access.open(CairnCommand.of(spec).optionalConfig())) {
                KeyInfo removed = repository.removeKey(key);
                spec.commandLine().getOut().printf("removed key %s%n", removed.shortId());
            }
            return 0;
        }
    }

    @Command(name = "passwd", description = "Change the passphrase of the key in use.")
    static final class Passwd implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RepositoryAccess access;
        @Mixin
        NewPassphrase newPassphrase;

        @Override
        public Integer call() {
            try (Repository repository = access.open(CairnCommand.of(spec).optionalConfig())) {
                KeyInfo key = repository.changePassphrase(newPassphrase.resolve(), KeyDerivation.defaults());
                spec.commandLine().getOut().printf("changed the passphrase; the key is now %s%n", key.shortId());
            }
            return 0;
        }
    }
}
