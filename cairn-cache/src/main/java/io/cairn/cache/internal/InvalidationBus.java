package io.cairn.cache.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's end of the invalidation channel, and the judge of whether its L1 may be trusted.
 *
 * <p>Why the bound Δ = heartbeat + heartbeat-timeout holds: every {@code heartbeat} this JVM
 * publishes {@code h|node|t} (t = its ticker) on the same channel as the invalidations. Redis
 * delivers one channel's messages to a subscriber in publish order, so having received its own
 * heartbeat sent at t means every invalidation published before t has been applied. L1 is trusted
 * only while {@code now - t <= Δ}; a read that finds it older, or a subscription that drops, flushes
 * every L1 and raises the epoch (loads begun in an older epoch are not installed). Until a heartbeat
 * comes back on a new subscription, entries are installed with a lifetime of at most Δ, so even then
 * no L1 entry is older than Δ. Hence an invalidation published at p is reflected by every JVM's L1
 * by p + Δ. On reconnect L1 is flushed again before it is trusted.
 */
final class InvalidationBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationBus.class);

    /** What the caches of this JVM do with messages from the channel. */
    interface Listener {
        void message(String kind, String cache, String rest);

        /** Forget everything in L1: the channel broke or came back. */
        void flush();
    }

    private final String db;
    private final RedisGuard guard;
    private final Ticker ticker;
    private final long heartbeatNanos;
    private final long deltaNanos;
    private final ScheduledExecutorService scheduler;
    private final CacheMetrics.Shared metrics;
    private final String node = UUID.randomUUID().toString();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile CacheRedis.Subscription subscription;
    private volatile long lastHeartbeat;
    private volatile boolean trusted;
    private volatile long epoch;
    private ScheduledFuture<?> beating;

    InvalidationBus(String db, RedisGuard guard, Ticker ticker, Duration heartbeat, Duration heartbeatTimeout,
            ScheduledExecutorService scheduler, CacheMetrics.Shared metrics) {
        this.db = db;
        this.guard = guard;
        this.ticker = ticker;
        this.heartbeatNanos = heartbeat.toNanos();
        this.deltaNanos = heartbeat.plus(heartbeatTimeout).toNanos();
        this.scheduler = scheduler;
        this.metrics = metrics;
        metrics.channelTrusted(this::trusted);
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void start() {
        synchronized (lock) {
            beating = scheduler.scheduleWithFixedDelay(this::beat, 0, heartbeatNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The staleness bound Δ in nanoseconds. */
    long deltaNanos() {
        return deltaNanos;
    }

    /** Whether this JVM's subscription to the channel is open now. */
    boolean subscribed() {
        CacheRedis.Subscription current = subscription;
        return current != null && current.isOpen();
    }

    /** Loads begun in one epoch are installed in L1 only if it is still the epoch. */
    long epoch() {
        return epoch;
    }

    /** Whether L1 may be trusted now; notices a late heartbeat itself (and then flushes). */
    boolean trusted() {
        if (!trusted) {
            return false;
        }
        if (ticker.read() - lastHeartbeat > deltaNanos) {
            distrust("no heartbeat came back for longer than the staleness bound");
            return false;
        }
        return true;
    }

    /** Publishes an invalidation (through the guard: kept and replayed if Redis is down). */
    void publish(String message) {
        guard.call("PUBLISH", r -> r.publish(RedisKeys.CHANNEL, message));
    }

    /** One heartbeat round: subscribe again if needed, publish a heartbeat, notice a late one. */
    void beat() {
        try {
            CacheRedis.Subscription current = subscription;
            if (current == null || !current.isOpen()) {
                Optional<CacheRedis.Subscription> opened = guard.call("SUBSCRIBE",
                        r -> r.subscribe(RedisKeys.CHANNEL, this::received, this::broken));
                if (opened.isEmpty()) {
                    return;
                }
                synchronized (lock) {
                    if (subscription != null) {
                        subscription.close();
                    }
                    subscription = opened.get();
                }
            }
            guard.call("PUBLISH heartbeat", r -> r.publish(RedisKeys.CHANNEL, "h|" + node + "|" + ticker.read()));
            trusted();
        } catch (RuntimeException e) {
            LOG.warn("cache on database '{}': heartbeat failed: {}", db, e.toString());
        }
    }

    private void received(String message) {
        int first = message.indexOf('|');
        if (first < 0) {
            return;
        }
        String kind = message.substring(0, first);
        int second = message.indexOf('|', first + 1);
        String cache = second < 0 ? message.substring(first + 1) : message.substring(first + 1, second);
        String rest = second < 0 ? "" : message.substring(second + 1);
        if (kind.equals("h")) {
            if (cache.equals(node)) {
                heartbeat(Long.parseLong(rest));
            }
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.message(kind, cache, rest);
            } catch (RuntimeException e) {
                LOG.warn("cache on database '{}': handling \"{}\" failed: {}", db, kind, e.toString());
            }
        }
    }

    private void heartbeat(long sentAt) {
        synchronized (lock) {
            if (sentAt > lastHeartbeat) {
                lastHeartbeat = sentAt;
            }
            if (!trusted && subscription != null && subscription.isOpen() && ticker.read() - lastHeartbeat <= deltaNanos) {
                // entries from the untrusted time are bounded by Δ already; flushing them too keeps the rule simple
                flushAll();
                trusted = true;
                LOG.warn("cache on database '{}': the invalidation channel works again; L1 flushed and trusted", db);
            }
        }
    }

    private void broken() {
        distrust("the invalidation subscription was lost");
        scheduler.execute(this::beat);
    }

    private void distrust(String reason) {
        synchronized (lock) {
            if (!trusted) {
                return;
            }
            trusted = false;
            flushAll();
            metrics.channelBroke();
            if (subscription != null && !subscription.isOpen()) {
                subscription.close();
                subscription = null;
            }
        }
        LOG.warn("cache on database '{}': {}; L1 flushed, entries now live at most {}ms until it works again", db, reason,
                TimeUnit.NANOSECONDS.toMillis(deltaNanos));
    }

    /** Under the lock: raise the epoch first, so a load finishing during the flush is not installed after it. */
    private void flushAll() {
        epoch++;
        for (Listener listener : listeners) {
            listener.flush();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (beating != null) {
                beating.cancel(false);
            }
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            trusted = false;
        }
    }
}
