package io.cairn.core.internal.redis;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.lettuce.core.FlushMode;
import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code queryDatabase} on a cluster. A keyed command goes to its key's slot as is. Commands that
 * mean "the whole database" (DBSIZE, KEYS, FLUSHALL) or name keys in several slots (DEL, UNLINK,
 * EXISTS, TOUCH, MGET, MSET) would otherwise act on one node or fail with CROSSSLOT: they run
 * through Lettuce's cluster-wide implementations, which fan out to every master (or per slot) and
 * merge the answers. SCAN's cursor belongs to one node, so it is refused with a pointer to KEYS.
 */
final class ClusterCommands {
    private ClusterCommands() {
    }

    static Object run(RedisAdvancedClusterCommands<String, String> sync, String name, Object[] args, String prefix) {
        switch (name) {
            case "DBSIZE":
                if (args.length == 0) {
                    return sync.dbsize();
                }
                break;
            case "KEYS":
                if (args.length == 1) {
                    return sync.keys(text(args[0]));
                }
                break;
            case "FLUSHALL":
            case "FLUSHDB":
                if (args.length == 0) {
                    return sync.flushall();
                }
                if (args.length == 1 && "ASYNC".equalsIgnoreCase(text(args[0]))) {
                    return sync.flushall(FlushMode.ASYNC);
                }
                break;
            case "DEL":
                return args.length > 1 ? sync.del(texts(args)) : dispatch(sync, name, args);
            case "UNLINK":
                return args.length > 1 ? sync.unlink(texts(args)) : dispatch(sync, name, args);
            case "EXISTS":
                return args.length > 1 ? sync.exists(texts(args)) : dispatch(sync, name, args);
            case "TOUCH":
                return args.length > 1 ? sync.touch(texts(args)) : dispatch(sync, name, args);
            case "MGET":
                if (args.length > 1) {
                    List<Object> values = new ArrayList<>();
                    for (KeyValue<String, String> each : sync.mget(texts(args))) {
                        values.add(each.getValueOrElse(null));
                    }
                    return values;
                }
                break;
            case "MSET":
                if (args.length > 2 && args.length % 2 == 0) {
                    Map<String, String> pairs = new LinkedHashMap<>();
                    for (int i = 0; i < args.length; i += 2) {
                        pairs.put(text(args[i]), text(args[i + 1]));
                    }
                    return sync.mset(pairs);
                }
                break;
            case "SCAN":
                throw new CairnException(ErrorCode.USAGE, prefix + "SCAN walks one node of a Redis Cluster "
                        + "(use KEYS, which asks every master, or RedisAccess with Lettuce's ScanIterator)");
            default:
                break;
        }
        return dispatch(sync, name, args);
    }

    private static Object dispatch(RedisAdvancedClusterCommands<String, String> sync, String name, Object[] args) {
        return sync.dispatch(RedisCommandText.keyword(name), new AnyOutput(), RedisCommandText.arguments(name, args));
    }

    private static String text(Object arg) {
        return arg instanceof byte[] ? new String((byte[]) arg, StandardCharsets.UTF_8) : String.valueOf(arg);
    }

    private static String[] texts(Object[] args) {
        String[] texts = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = text(args[i]);
        }
        return texts;
    }
}
