package io.cairn.cache;

/**
 * How values become bytes in Redis. The default writes JSON with Jackson; a codec of your own
 * (Protobuf, Kryo, ...) can be passed to {@code Caches.named(name, type, codec)}. Cairn wraps the
 * bytes in its own versioned header, so a codec only handles the value itself.
 */
public interface CacheCodec<V> {
    byte[] encode(V value);

    V decode(byte[] bytes);
}
