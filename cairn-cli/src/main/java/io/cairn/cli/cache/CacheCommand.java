package io.cairn.cli.cache;

import picocli.CommandLine.Command;

/** {@code cairn cache …}: the two-level caches' state, invalidation and warming (docs/cache.md). */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Two-level caches: Redis and channel state, invalidation everywhere, warming (docs/cache.md).",
        subcommands = {CacheStatsCommand.class, CacheInvalidateCommand.class, CacheWarmCommand.class})
public final class CacheCommand {
}
