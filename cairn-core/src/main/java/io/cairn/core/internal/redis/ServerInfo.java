package io.cairn.core.internal.redis;

import java.util.Optional;

/** Reads the server's version from INFO server, e.g. "Redis 7.0.15" (Valkey reports a redis_version too). */
final class ServerInfo {
    private ServerInfo() {
    }

    static Optional<String> version(String info) {
        return info.lines().filter(line -> line.startsWith("redis_version:"))
                .map(line -> "Redis " + line.substring("redis_version:".length()).trim()).findFirst();
    }
}
