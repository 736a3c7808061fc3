package io.cairn.cache.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cairn.cache.CacheSpec;
import io.cairn.cache.QueryCache;
import io.cairn.cache.TagInvalidator;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.tx.Tx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The query cache: results under {@code cairn:q:{name}:r:<sha256(query, params)>}, each stored
 * with the versions its tags had when its load began; a tag's version lives in
 * {@code cairn:q:{name}:t:<tag>}. A result is served only while every tag still has the version
 * it was stored with (L2: read in the same MGET; L1: against the newest versions this JVM heard
 * of on the channel). L1 is used only while the channel is trusted.
 */
public final class QueryResultsCache implements QueryCache, InvalidationBus.Listener {
    private static final long TAG_TTL_MILLIS = TimeUnit.DAYS.toMillis(30);

    private record Stored(Map<String, Long> tags, JsonNode value) {
    }

    private record Local(Object value, Map<String, Long> tags, long epoch) {
    }

    private final String name;
    private final CacheSpec spec;
    private final CacheContext context;
    private final ObjectMapper mapper;
    private final com.github.benmanes.caffeine.cache.Cache<String, Local> l1;
    private final Map<String, Long> knownTagVersions = new ConcurrentHashMap<>();
    private final CacheMetrics metrics;

    QueryResultsCache(String name, CacheSpec spec, CacheContext context, ObjectMapper mapper) {
        this.name = name;
        this.spec = spec;
        this.context = context;
        this.mapper = mapper;
        Caffeine<Object, Object> builder = Caffeine.newBuilder().ticker(context.ticker()).executor(Runnable::run)
                .expireAfterWrite(spec.l1Ttl());
        this.l1 = (spec.l1MaxSize() > 0 ? builder.maximumSize(spec.l1MaxSize()) : builder.maximumSize(10_000)).build();
        this.metrics = new CacheMetrics(context.registry(), "query:" + name, l1::estimatedSize);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public <T> T get(String query, List<?> params, Set<String> tags, Class<T> type, Supplier<? extends T> loader) {
        String hash = hash(query, params);
        boolean trusted = context.trusted();
        long epoch = context.epoch();
        Local local = trusted ? l1.getIfPresent(hash) : null;
        if (local != null && local.epoch() == epoch && current(local.tags())) {
            metrics.l1Hits.increment();
            return type.cast(local.value());
        }
        List<String> keys = new ArrayList<>();
        keys.add(RedisKeys.queryResult(name, hash));
        List<String> sortedTags = new ArrayList<>(new java.util.TreeSet<>(tags));
        sortedTags.forEach(tag -> keys.add(RedisKeys.queryTag(name, tag)));
        Optional<List<byte[]>> fetched = context.redis().flatMap(g -> g.call("MGET", r -> r.getAll(keys)));
        Map<String, Long> versions = new TreeMap<>();
        for (int i = 0; i < sortedTags.size(); i++) {
            byte[] raw = fetched.isPresent() ? fetched.get().get(i + 1) : null;
            long version = raw == null ? 0 : Long.parseLong(new String(raw, StandardCharsets.US_ASCII));
            versions.put(sortedTags.get(i), version);
            knownTagVersions.merge(sortedTags.get(i), version, Math::max);
        }
        if (fetched.isPresent() && fetched.get().get(0) != null) {
            Stored stored = read(fetched.get().get(0));
            if (stored.tags().equals(versions)) {
                T value = convert(stored.value(), type);
                metrics.l2Hits.increment();
                remember(hash, value, versions, trusted, epoch);
                return value;
            }
            metrics.stalePrevented.increment();
        }
        metrics.misses.increment();
        long start = System.nanoTime();
        T value;
        try {
            value = loader.get();
            metrics.loads.increment();
        } catch (RuntimeException e) {
            metrics.loadFailures.increment();
            throw e;
        } finally {
            metrics.loadLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        if (fetched.isPresent()) {
            byte[] bytes = write(new Stored(versions, mapper.valueToTree(value)));
            context.redis().get().call("SET", r -> {
                r.put(RedisKeys.queryResult(name, hash), bytes, spec.l2Ttl().toMillis());
                return Boolean.TRUE;
            });
        }
        remember(hash, value, versions, trusted, epoch);
        return value;
    }

    @Override
    public void invalidateTag(String tag) {
        metrics.invalidations.increment();
        if (context.redis().isEmpty()) {
            knownTagVersions.merge(tag, Long.MAX_VALUE, Math::max);
            l1.invalidateAll();
            return;
        }
        long[] version = {-1};
        context.redis().get().invalidation("INCR tag", r -> {
            long v = r.increment(RedisKeys.queryTag(name, tag), TAG_TTL_MILLIS);
            r.publish(RedisKeys.CHANNEL, "t|" + name + "|" + v + "|" + tag);
            version[0] = v;
            return v;
        });
        if (version[0] >= 0) {
            knownTagVersions.merge(tag, version[0], Math::max);
        } else {
            l1.invalidateAll(); // sent later; meanwhile nothing of this cache is served from this L1
        }
    }

    @Override
    public void invalidateTagAfterCommit(Tx tx, String tag) {
        tx.afterCommit(() -> invalidateTag(tag));
    }

    @Override
    public TagInvalidator invalidator() {
        return tags -> tags.forEach(this::invalidateTag);
    }

    @Override
    public void message(String kind, String cache, String rest) {
        if (!kind.equals("t") || !cache.equals(name)) {
            return;
        }
        int bar = rest.indexOf('|');
        knownTagVersions.merge(rest.substring(bar + 1), Long.parseLong(rest.substring(0, bar)), Math::max);
        metrics.invalidations.increment();
    }

    @Override
    public void flush() {
        l1.invalidateAll();
        metrics.l1Flushes.increment();
    }

    private boolean current(Map<String, Long> tags) {
        for (Map.Entry<String, Long> tag : tags.entrySet()) {
            if (tag.getValue() < knownTagVersions.getOrDefault(tag.getKey(), 0L)) {
                return false;
            }
        }
        return true;
    }

    private void remember(String hash, Object value, Map<String, Long> versions, boolean trusted, long epoch) {
        if (trusted && context.epoch() == epoch && current(versions)) {
            l1.put(hash, new Local(value, versions, epoch));
        }
    }

    private String hash(String query, List<?> params) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(query.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(mapper.writeValueAsBytes(params));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new CairnException(ErrorCode.USAGE, "query cache '" + name + "': cannot key the parameters " + e.getMessage(), e);
        }
    }

    private byte[] write(Stored stored) {
        try {
            return ValueFormat.encode(true, 0, mapper.writeValueAsBytes(stored));
        } catch (IOException e) {
            throw new CairnException(ErrorCode.USAGE, "query cache '" + name + "': cannot write the result as JSON: "
                    + e.getMessage(), e);
        }
    }

    private Stored read(byte[] bytes) {
        try {
            JsonNode node = mapper.readTree(ValueFormat.decode(name, bytes).payload());
            Map<String, Long> tags = new TreeMap<>();
            node.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asLong()));
            return new Stored(tags, node.get("value"));
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "query cache '" + name + "': a stored result is not readable: "
                    + e.getMessage(), e);
        }
    }

    private <T> T convert(JsonNode value, Class<T> type) {
        try {
            return mapper.treeToValue(value, type);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "query cache '" + name + "': a stored result is not a "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
