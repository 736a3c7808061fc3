package io.cairn.cli.cache;

import io.cairn.Cairn;
import io.cairn.cache.InvalidateResult;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn cache invalidate NAME KEY…|--all}: drops entries in Redis and, through the channel, in every JVM's L1. */
@Command(name = "invalidate", mixinStandardHelpOptions = true,
        description = "Drop keys of a cache (or all of its entries) in Redis and in the L1 of every running application.")
final class CacheInvalidateCommand extends CachesCommand<InvalidateResult> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The cache (its settings in cache.caches).")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY", description = "Keys to invalidate.")
    List<String> keys = List.of();
    @Option(names = "--all", description = "Invalidate every entry of the cache (instead of KEYs).")
    boolean all;

    @Override
    protected InvalidateResult run(Cairn cairn, ProgressListener progress) {
        if (all == !keys.isEmpty()) {
            throw new CairnException(ErrorCode.USAGE, "cache invalidate " + name + ": give either keys or --all"
                    + " (see 'cairn cache invalidate --help')");
        }
        InvalidateResult result = cairn.cache().invalidate(name, all ? List.of() : keys);
        if (!result.delivered()) {
            // this process ends now: an invalidation kept for later would be lost
            throw new CairnException(ErrorCode.CONNECTION_FAILED, "cache '" + name + "': "
                    + cairn.cache().settings().redis().map(db -> "Redis database '" + db + "' did not take the invalidation; "
                            + "nothing was invalidated (is the server running? run the command again when it answers)")
                            .orElse("no cache.redis is configured, so there is nothing to invalidate outside an application"
                                    + " (set cache.redis in cairn.yaml)"));
        }
        return result;
    }

    @Override
    protected void print(PrintWriter out, InvalidateResult result) {
        out.println(result.all() ? "invalidated every entry of cache '" + result.cache() + "'"
                : "invalidated " + result.keys() + (result.keys() == 1 ? " key" : " keys") + " of cache '" + result.cache() + "'");
    }
}
