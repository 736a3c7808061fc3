package io.cairn.repository.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used set of read-only channels to immutable files. Positional reads
 * on a {@link FileChannel} are thread-safe, so one channel serves every thread; eviction closes
 * a channel, and a reader that still uses it retries with a fresh one (see {@link #open}).
 */
final class OpenFiles implements AutoCloseable {
    private final Path root;
    private final int capacity;
    private final LinkedHashMap<String, FileChannel> channels = new LinkedHashMap<>(16, 0.75f, true);

    OpenFiles(Path root, int capacity) {
        this.root = root;
        this.capacity = capacity;
    }

    /** An open channel to {@code name}; callers must not close it. */
    synchronized FileChannel open(String name) throws IOException {
        FileChannel channel = channels.get(name);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        channel = FileChannel.open(root.resolve(name), StandardOpenOption.READ);
        channels.put(name, channel);
        if (channels.size() > capacity) {
            Iterator<Map.Entry<String, FileChannel>> eldest = channels.entrySet().iterator();
            eldest.next().getValue().close();
            eldest.remove();
        }
        return channel;
    }

    @Override
    public synchronized void close() {
        for (FileChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a read-only channel loses nothing
            }
        }
        channels.clear();
    }
}
