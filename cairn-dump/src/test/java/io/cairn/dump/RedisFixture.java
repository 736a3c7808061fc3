package io.cairn.dump;

import io.cairn.testkit.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Every Redis value type and encoding, with TTLs, keys in two databases and a function library. */
final class RedisFixture {
    static final String LIBRARY = "#!lua name=cairnlib\nredis.register_function('answer', function() return 42 end)";

    private RedisFixture() {
    }

    static void withCommands(RedisExtension redis, int db, Consumer<RedisCommands<String, String>> work) {
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.host()).withPort(redis.port()).withDatabase(db);
        if (!redis.password().isEmpty()) {
            uri.withPassword(redis.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8)) {
            work.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    static void fill(RedisExtension redis) {
        withCommands(redis, 0, redis0 -> {
            redis0.flushall();
            redis0.functionFlush(io.lettuce.core.FlushMode.SYNC);
            for (int batch = 0; batch < 5; batch++) {
                Map<String, String> values = new TreeMap<>();
                for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
                    values.put("user:" + i, "{\"id\":" + i + ",\"name\":\"user " + i + "\",\"hash\":\""
                            + HexFormat.of().formatHex(sha(Integer.toString(i))).repeat(6) + "\"}");
                }
                redis0.mset(values);
            }
            for (int i = 0; i < 5000; i += 10) {
                redis0.expire("user:" + i, 3600);
            }
            redis0.set("counter", "12345");
            redis0.set("a-rather-long-key-name-that-lzf-compresses-aaaaaaaaaaaaaaaaaaaaaaaa", "x".repeat(1000));
            redis0.rpush("list:small", "a", "b", "c");
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                many.add("item " + i);
            }
            redis0.rpush("list:big", many.toArray(String[]::new));
            redis0.sadd("set:int", "1", "2", "3", "100000");
            redis0.sadd("set:small", "red", "green", "blue");
            redis0.sadd("set:big", many.toArray(String[]::new));
            redis0.zadd("zset:small", ScoredValue.just(1.5, "one"), ScoredValue.just(Double.POSITIVE_INFINITY, "inf"));
            for (int i = 0; i < 500; i++) {
                redis0.zadd("zset:big", i * 0.25, "member " + i);
            }
            redis0.hset("hash:small", Map.of("f1", "v1", "f2", "v2"));
            Map<String, String> fields = new TreeMap<>();
            for (int i = 0; i < 1000; i++) {
                fields.put("field " + i, "value " + i);
            }
            redis0.hset("hash:big", fields);
            for (int i = 0; i < 100; i++) {
                redis0.xadd("events", Map.of("n", Integer.toString(i)));
            }
            redis0.xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from("events", "0"), "workers");
            redis0.xreadgroup(io.lettuce.core.Consumer.from("workers", "w1"), io.lettuce.core.XReadArgs.Builder.count(10),
                    io.lettuce.core.XReadArgs.StreamOffset.lastConsumed("events"));
            redis0.functionLoad(LIBRARY);
        });
        withCommands(redis, 3, redis3 -> {
            for (int i = 0; i < 100; i++) {
                redis3.set("other:" + i, "v" + i);
            }
        });
        withBinary(redis, 0, binary -> binary.set("binary\0key".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {0, 1, 2, '\r', '\n', (byte) 0xff}));
    }

    static void withBinary(RedisExtension redis, int db, Consumer<RedisCommands<byte[], byte[]>> work) {
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.host()).withPort(redis.port()).withDatabase(db);
        if (!redis.password().isEmpty()) {
            uri.withPassword(redis.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            work.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** Key → SHA-256 of its content + whether it has a TTL: equal maps mean equal data (and encodings). */
    static Map<String, String> contents(RedisExtension redis, int db) {
        Map<String, String> contents = new TreeMap<>();
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.host()).withPort(redis.port()).withDatabase(db);
        if (!redis.password().isEmpty()) {
            uri.withPassword(redis.password().toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisAsyncCommands<byte[], byte[]> async = connection.async();
            List<byte[]> keys = connection.sync().keys("*".getBytes(StandardCharsets.UTF_8));
            List<RedisFuture<byte[]>> dumps = new ArrayList<>();
            List<RedisFuture<Long>> ttls = new ArrayList<>();
            List<RedisFuture<String>> encodings = new ArrayList<>();
            for (byte[] key : keys) {
                dumps.add(async.dump(key));
                ttls.add(async.pttl(key));
                encodings.add(async.objectEncoding(key));
            }
            for (int i = 0; i < keys.size(); i++) {
                byte[] key = keys.get(i);
                boolean hashTable = "hashtable".equals(encodings.get(i).get());
                byte[] content = hashTable ? members(connection.sync(), key) : dumps.get(i).get();
                contents.put(new String(key, StandardCharsets.ISO_8859_1),
                        HexFormat.of().formatHex(sha(content)) + (ttls.get(i).get() > 0 ? " ttl" : ""));
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            client.shutdown();
        }
        return contents;
    }

    /**
     * Hash-table sets and hashes compare by their sorted members: their DUMP follows the table's
     * iteration order, which differs between two servers holding the same members. Every other
     * value compares by its DUMP payload, which also pins the encoding.
     */
    private static byte[] members(RedisCommands<byte[], byte[]> commands, byte[] key) {
        String type = commands.type(key);
        List<String> items = new ArrayList<>();
        if (type.equals("set")) {
            commands.smembers(key).forEach(m -> items.add(HexFormat.of().formatHex(m)));
        } else {
            commands.hgetall(key).forEach((f, v) -> items.add(HexFormat.of().formatHex(f) + "=" + HexFormat.of().formatHex(v)));
        }
        java.util.Collections.sort(items);
        return (type + ":" + String.join(",", items)).getBytes(StandardCharsets.UTF_8);
    }

    /** Adds {@code megabytes} of incompressible string values (for fault tests that need a long transfer). */
    static void fillLarge(RedisExtension redis, int megabytes) {
        java.util.Random random = new java.util.Random(7);
        withBinary(redis, 0, commands -> {
            for (int batch = 0; batch < megabytes; batch++) {
                Map<byte[], byte[]> values = new java.util.HashMap<>();
                for (int i = 0; i < 256; i++) {
                    byte[] value = new byte[4096];
                    random.nextBytes(value);
                    values.put(("large:" + batch + ":" + i).getBytes(StandardCharsets.UTF_8), value);
                }
                commands.mset(values);
            }
        });
    }

    /** The keys whose content differs or that only one side has (at most 10), for short assertion messages. */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(expected.get(k), actual.get(k)))
                .map(k -> k + ": expected " + expected.get(k) + ", got " + actual.get(k)).limit(10).toList();
    }

    static byte[] sha(String text) {
        return sha(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
