package io.cairn.repository.crash;

import io.cairn.repository.BackupOptions;
import io.cairn.repository.Passphrase;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.PruneOptions;
import io.cairn.repository.Repository;
import io.cairn.repository.storage.LocalStorage;
import io.cairn.repository.storage.Storage;
import io.cairn.repository.storage.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs in a child JVM started by {@link CrashTest}: a backup or a prune that, at a chosen point,
 * prints {@code BLOCKED} and waits on stdin forever, so the test can kill it there with -9.
 *
 * <pre>
 *   backup REPO PASSPHRASE SEED SIZE BLOCK_AFTER_BYTES
 *   prune  REPO PASSPHRASE OPERATION   (OPERATION: index-write, index-delete, pack-delete)
 * </pre>
 */
public final class CrashChild {
    public static final String BLOCKED = "BLOCKED";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[1]);
        Passphrase passphrase = Passphrase.of(args[2]);
        if (args[0].equals("backup")) {
            try (Repository repository = Repository.open(new LocalStorage(repo), passphrase)) {
                InputStream data = new RandomStream(Long.parseLong(args[3]), Long.parseLong(args[4]), Long.parseLong(args[5]));
                repository.backupStream("big", data, repository.contentDefinedChunker(), BackupOptions.defaults(),
                        ProgressListener.NONE);
            }
        } else {
            try (Repository repository = Repository.open(new BlockingStorage(new LocalStorage(repo), args[3]), passphrase)) {
                repository.prune(PruneOptions.defaults().withMaxUnused(0).withOrphanGrace(java.time.Duration.ZERO),
                        ProgressListener.NONE);
            }
        }
        System.out.println("FINISHED");
    }

    static void blockForever() {
        System.out.println(BLOCKED);
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; it kills us
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Seeded random bytes, generated in fixed 64 KiB blocks so the same seed gives the same
     * stream whatever the read sizes; blocks (see {@link #blockForever}) after a given count.
     */
    public static final class RandomStream extends InputStream {
        private static final int BLOCK = 65536;
        private final Random random;
        private final long size;
        private final long blockAfter;
        private final byte[] block = new byte[BLOCK];
        private int blockPosition = BLOCK;
        private long position;

        public RandomStream(long seed, long size, long blockAfter) {
            this.random = new Random(seed);
            this.size = size;
            this.blockAfter = blockAfter;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            if (position >= blockAfter) {
                blockForever();
            }
            if (blockPosition == BLOCK) {
                random.nextBytes(block);
                blockPosition = 0;
            }
            int count = (int) Math.min(Math.min(length, BLOCK - blockPosition), Math.min(size, blockAfter) - position);
            System.arraycopy(block, blockPosition, buffer, offset, count);
            blockPosition += count;
            position += count;
            return count;
        }
    }

    /** Blocks on the first index write, first index delete, or second pack delete. */
    static final class BlockingStorage implements Storage {
        private final Storage delegate;
        private final String operation;
        private final AtomicInteger packDeletes = new AtomicInteger();

        BlockingStorage(Storage delegate, String operation) {
            this.delegate = delegate;
            this.operation = operation;
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public List<StoredObject> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public byte[] read(String name) {
            return delegate.read(name);
        }

        @Override
        public byte[] read(String name, long offset, int length) {
            return delegate.read(name, offset, length);
        }

        @Override
        public void write(String name, byte[] content) {
            if (operation.equals("index-write") && name.startsWith("index/")) {
                blockForever();
            }
            delegate.write(name, content);
        }

        @Override
        public boolean delete(String name) {
            if (operation.equals("index-delete") && name.startsWith("index/")
                    || operation.equals("pack-delete") && name.startsWith("data/") && packDeletes.incrementAndGet() == 2) {
                blockForever();
            }
            return delegate.delete(name);
        }

        @Override
        public Optional<StoredObject> stat(String name) {
            return delegate.stat(name);
        }

        @Override
        public int removeLeftovers(Instant olderThan) {
            return delegate.removeLeftovers(olderThan);
        }
    }
}
