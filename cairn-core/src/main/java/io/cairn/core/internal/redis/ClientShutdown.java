package io.cairn.core.internal.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a Lettuce client and its threads, standalone or cluster, within a few seconds. */
final class ClientShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(ClientShutdown.class);

    private ClientShutdown() {
    }

    static void close(String databaseId, AbstractRedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("database '{}': Redis client threads did not stop cleanly: {}", databaseId, e.toString());
        }
        LOG.info("database '{}': redis client closed", databaseId);
    }
}
