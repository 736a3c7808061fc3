package io.cairn.wal;

import io.cairn.Cairn;
import io.cairn.CairnBuilder;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small option parser of the two WAL entry points ({@link WalFetchMain}, {@link WalStreamMain}),
 * which must run without the CLI (as restore_command, or as a child process): {@code --name value}
 * options, {@code --flag} switches, and positional arguments; and the {@link Cairn} they describe.
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

    /**
     * The facade over {@code --config} (when given), with {@code --repo} and {@code --password-file}
     * overriding the configuration's repository: the same rule as the CLI's, so S3 repositories work too.
     */
    Cairn openCairn() {
        CairnBuilder builder = option("--config").map(Path::of).map(Cairn::configure)
                .orElseGet(Cairn::withoutConfiguration);
        option("--repo").ifPresent(builder::repository);
        option("--password-file").map(Path::of).ifPresent(builder::passwordFile);
        return builder.open();
    }
}
