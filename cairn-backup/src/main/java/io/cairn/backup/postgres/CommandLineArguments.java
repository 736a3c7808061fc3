package io.cairn.backup.postgres;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.Passphrase;
import io.cairn.repository.Repository;
import io.cairn.repository.storage.LocalStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small option parser shared by this module's two entry points ({@link WalFetchMain},
 * {@link WalStreamMain}), which must run without the CLI (as restore_command, or as a child
 * process): {@code --name value} options, {@code --flag} switches, and positional arguments.
 */
final class CommandLineArguments {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CommandLineArguments() {
    }

    static CommandLineArguments parse(String[] args, Set<String> withValue, Set<String> flags) {
        CommandLineArguments parsed = new CommandLineArguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (withValue.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new CairnException(ErrorCode.USAGE, arg + " needs a value");
                }
                parsed.options.put(arg, args[++i]);
            } else if (flags.contains(arg)) {
                parsed.options.put(arg, "true");
            } else if (arg.startsWith("--")) {
                throw new CairnException(ErrorCode.USAGE, "unknown option " + arg + "; known: " + withValue + " " + flags);
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String required(String name) {
        return option(name).orElseThrow(() -> new CairnException(ErrorCode.USAGE, "missing " + name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }

    /** Opens the local repository named by --repo with --password-file or $CAIRN_PASSWORD. */
    Repository openRepository() {
        Path directory = Path.of(required("--repo"));
        Passphrase passphrase = option("--password-file").map(Path::of).map(Passphrase::fromFile)
                .or(Passphrase::fromEnvironment)
                .orElseThrow(() -> new CairnException(ErrorCode.USAGE, "no repository passphrase: pass --password-file"
                        + " FILE or set " + Passphrase.ENVIRONMENT_VARIABLE));
        try {
            return Repository.open(new LocalStorage(directory), passphrase);
        } finally {
            passphrase.clear();
        }
    }
}
