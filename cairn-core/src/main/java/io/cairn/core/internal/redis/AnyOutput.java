package io.cairn.core.internal.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects any Redis reply as plain Java values: String, Long, Double, Boolean, null, or
 * (nested) List. Written here because Lettuce's ObjectOutput fails on a top-level scalar reply.
 */
final class AnyOutput extends CommandOutput<String, String, Object> {
    /** Arrays still being filled, innermost first. */
    private final Deque<List<Object>> open = new ArrayDeque<>();

    AnyOutput() {
        super(StringCodec.UTF8, null);
    }

    private void add(Object value) {
        if (open.isEmpty()) {
            output = value;
        } else {
            open.peek().add(value);
        }
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? null : codec.decodeValue(bytes));
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        add(bytes == null ? null : codec.decodeValue(bytes));
    }

    @Override
    public void setBigNumber(ByteBuffer bytes) {
        add(bytes == null ? null : new java.math.BigInteger(decodeAscii(bytes)));
    }

    @Override
    public void set(long value) {
        add(value);
    }

    @Override
    public void set(double value) {
        add(value);
    }

    @Override
    public void set(boolean value) {
        add(value);
    }

    @Override
    public void multi(int count) {
        List<Object> list = new ArrayList<>(Math.max(0, count));
        add(list);
        open.push(list);
    }

    /** Called by the decoder after each element with its remaining nesting depth. */
    @Override
    public void complete(int depth) {
        while (open.size() > depth) {
            open.pop();
        }
    }
}
