package io.cairn.core.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What the standalone and the cluster adapter share about {@code queryDatabase(db, "GET", …)}:
 * which command names are allowed, how a name becomes a Lettuce keyword, and how arguments are
 * encoded (the key marked as such, so a cluster routes the command to the key's slot).
 */
final class RedisCommandText {
    /** Commands that change the state of the shared connection for every other caller. */
    private static final Set<String> CONNECTION_STATE_COMMANDS = Set.of("SELECT", "MULTI", "EXEC", "DISCARD", "WATCH",
            "UNWATCH", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "MONITOR", "QUIT",
            "RESET", "HELLO", "AUTH", "READONLY", "READWRITE", "ASKING");
    /** Scripts and functions name their keys after the script and the key count. */
    private static final Set<String> SCRIPT_COMMANDS = Set.of("EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL",
            "FCALL_RO");

    private RedisCommandText() {
    }

    /** The upper-case command name, or a USAGE error when it is not a plain command name or is refused. */
    static String name(String prefix, String command) {
        String name = command.trim().toUpperCase(Locale.ROOT);
        if (name.isEmpty() || name.contains(" ")) {
            throw new CairnException(ErrorCode.USAGE, prefix + "\"" + command
                    + "\" is not a Redis command name (pass arguments separately: queryDatabase(db, \"GET\", \"key\"))");
        }
        if (CONNECTION_STATE_COMMANDS.contains(name)) {
            throw new CairnException(ErrorCode.USAGE, prefix + name
                    + " would change the shared connection for every caller and is not supported "
                    + "(use the database index in url:, or io.cairn.core.redis.RedisAccess for a connection of your own)");
        }
        return name;
    }

    static ProtocolKeyword keyword(String name) {
        try {
            return CommandType.valueOf(name);
        } catch (IllegalArgumentException e) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            return new ProtocolKeyword() {
                @Override
                public byte[] getBytes() {
                    return bytes;
                }

                @Override
                public String name() {
                    return name;
                }
            };
        }
    }

    /**
     * The arguments, with the one a cluster routes by marked as the key: the first, or for scripts
     * the first key after the key count. A wrong guess only costs a MOVED redirect, which the
     * cluster client follows.
     */
    static CommandArgs<String, String> arguments(String name, Object[] args) {
        Object[] values = args == null ? new Object[0] : args;
        int keyIndex = 0;
        if (SCRIPT_COMMANDS.contains(name)) {
            keyIndex = values.length > 2 && !"0".equals(String.valueOf(values[1])) ? 2 : -1;
        }
        CommandArgs<String, String> arguments = new CommandArgs<>(StringCodec.UTF8);
        for (int i = 0; i < values.length; i++) {
            Object arg = values[i];
            if (arg instanceof byte[]) {
                arguments.add((byte[]) arg);
            } else if (i == keyIndex) {
                arguments.addKey(String.valueOf(arg));
            } else {
                arguments.add(String.valueOf(arg));
            }
        }
        return arguments;
    }
}
