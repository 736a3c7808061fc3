package io.cairn.repository.internal.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.io.IOException;

/**
 * The JSON dialect of every repository file (keys, config, snapshots, trees, locks): ISO-8601
 * times with nanoseconds, no nulls, unknown fields ignored so newer writers stay readable. The
 * mapper is configured once and never changed, which makes sharing it thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTERNAL, "cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Parses {@code bytes}; a failure is INTEGRITY naming {@code resource}. */
    public static <T> T read(byte[] bytes, Class<T> type, String resource) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.INTEGRITY, resource + ": not a valid " + type.getSimpleName()
                    + " document (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()) + ")", e);
        }
    }
}
