package io.cairn.cli.cache;

import io.cairn.Cairn;
import io.cairn.cache.WarmRequestResult;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn cache warm NAME}: asks every running application that has the cache open with a loader to warm it. */
@Command(name = "warm", mixinStandardHelpOptions = true,
        description = "Ask every running application that has the cache open with a loader to run its warm: query now.")
final class CacheWarmCommand extends CachesCommand<WarmRequestResult> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The cache (its warm: query in cache.caches).")
    String name;

    @Override
    protected WarmRequestResult run(Cairn cairn, ProgressListener progress) {
        if (cairn.cache().settings().spec(name).warm().isEmpty()) {
            throw new CairnException(ErrorCode.CONFIG, "cache '" + name + "' has no warm: query; add one under cache.caches."
                    + name + ".warm in cairn.yaml (see docs/cache.md)");
        }
        WarmRequestResult result = cairn.cache().requestWarm(name);
        if (!result.delivered()) {
            throw new CairnException(ErrorCode.CONNECTION_FAILED, "cache '" + name + "': "
                    + cairn.cache().settings().redis().map(db -> "Redis database '" + db + "' did not answer; no application "
                            + "was asked to warm (is the server running?)")
                            .orElse("no cache.redis is configured, so no application can be reached (set cache.redis)"));
        }
        return result;
    }

    @Override
    protected void print(PrintWriter out, WarmRequestResult result) {
        long applications = result.receivers();
        out.println("asked " + applications + (applications == 1 ? " process" : " processes") + " to warm cache '"
                + result.cache() + "' (each warms if it opened the cache with a loader)");
    }
}
