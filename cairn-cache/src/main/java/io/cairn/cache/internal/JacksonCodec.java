package io.cairn.cache.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.cache.CacheCodec;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;

/** The default codec: JSON through Cairn's ObjectMapper. */
public final class JacksonCodec<V> implements CacheCodec<V> {
    private final ObjectMapper mapper;
    private final Class<V> type;

    public JacksonCodec(ObjectMapper mapper, Class<V> type) {
        this.mapper = mapper;
        this.type = type;
    }

    @Override
    public byte[] encode(V value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.USAGE, "cannot write a " + type.getSimpleName() + " as JSON for the cache: "
                    + e.getMessage() + " (give it Jackson annotations or pass a CacheCodec)", e);
        }
    }

    @Override
    public V decode(byte[] bytes) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTEGRITY, "cannot read a cached " + type.getSimpleName() + ": "
                    + e.getMessage() + " (its class changed? invalidate the cache)", e);
        }
    }
}
