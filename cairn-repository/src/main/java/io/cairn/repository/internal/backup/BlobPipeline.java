package io.cairn.repository.internal.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.MasterIndex;
import io.cairn.repository.internal.pack.BlobCodec;
import io.cairn.repository.internal.pack.PackWriter;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The parallel part of a backup: hash → (skip if known) → compress → encrypt → pack → store,
 * on {@code workers} threads, fed by one reading thread that chunks.
 *
 * <p>Memory bound: a semaphore admits at most {@code maxInFlight = workers + 2} chunks at once;
 * each costs at most about three times its size while sealed (raw, compressed, sealed), so with
 * 8 MiB maximum chunks that is {@code (workers + 2) × 24 MiB}; plus one open pack per blob type
 * (≤ pack size + one blob) and one finished pack per worker being stored; plus the reader's
 * buffer of two maximum chunks. For 2 workers, 16 MiB packs and 8 MiB chunks: under 260 MiB in
 * the worst case, about 70 MiB typical (1 MiB chunks), independent of how much data is backed
 * up. Only metadata (chunk ids, tree nodes, the index) grows with the data.
 *
 * <p>Dedup: a chunk whose id is in the index, or was already claimed this session, is not
 * stored again; claiming is an atomic set insert so two workers never store the same blob.
 */
final class BlobPipeline implements AutoCloseable {
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final BlobCodec codec;
    private final MasterIndex index;
    private final PackWriter packs;
    private final BackupCounters counters;
    private final Set<ContentId> claimed = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    BlobPipeline(int workerCount, BlobCodec codec, MasterIndex index, PackWriter packs, BackupCounters counters) {
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, runnable -> {
            Thread thread = new Thread(runnable, "cairn-backup-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.maxInFlight = workerCount + 2;
        this.inFlight = new Semaphore(maxInFlight);
        this.codec = codec;
        this.index = index;
        this.packs = packs;
        this.counters = counters;
    }

    /** Queues a chunk; blocks while {@code maxInFlight} chunks are being processed. */
    CompletableFuture<ContentId> submit(BlobType type, byte[] raw) {
        throwIfFailed();
        acquire(1);
        try {
            return CompletableFuture.supplyAsync(() -> store(type, null, raw), workers)
                    .whenComplete((id, error) -> finished(error));
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /** Stores a blob whose id the caller already computed (trees), returning at once. */
    void submit(BlobType type, ContentId id, byte[] raw) {
        throwIfFailed();
        acquire(1);
        try {
            CompletableFuture.runAsync(() -> store(type, id, raw), workers).whenComplete((ignored, error) -> finished(error));
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    ContentId contentId(byte[] raw) {
        return codec.crypto().contentId(raw, 0, raw.length);
    }

    /** Waits for every queued blob, then stores the partly filled packs. */
    void flush() {
        acquire(maxInFlight);
        inFlight.release(maxInFlight);
        throwIfFailed();
        packs.flush();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private ContentId store(BlobType type, ContentId known, byte[] raw) {
        ContentId id = known != null ? known : contentId(raw);
        if (index.contains(id) || !claimed.add(id)) {
            return id;
        }
        byte[] sealed = codec.seal(raw, 0, raw.length);
        packs.add(type, id, sealed, raw.length);
        counters.dataAdded.add(raw.length);
        counters.dataAddedStored.add(sealed.length);
        counters.blobsAdded.increment();
        return id;
    }

    private void finished(Throwable error) {
        inFlight.release();
        if (error != null) {
            failure.compareAndSet(null, error instanceof java.util.concurrent.CompletionException ? error.getCause() : error);
        }
    }

    private void acquire(int permits) {
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CairnException(ErrorCode.INTERRUPTED, "backup interrupted", e);
        }
    }

    private void throwIfFailed() {
        Throwable error = failure.get();
        if (error instanceof CairnException cairn) {
            throw new CairnException(cairn.code(), cairn.getMessage(), cairn);
        }
        if (error != null) {
            throw new CairnException(ErrorCode.INTERNAL, "backup failed: " + error, error);
        }
    }
}
