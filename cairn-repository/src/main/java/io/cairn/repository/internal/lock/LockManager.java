package io.cairn.repository.internal.lock;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.LockInfo;
import io.cairn.repository.UnlockResult;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.storage.StoredObject;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repository locks, restic's protocol: write our lock first, then list the others; if one
 * conflicts (either side exclusive) and is not stale, remove ours and fail. Because every
 * process writes before it looks, two conflicting processes cannot both proceed: at least one
 * sees the other. A held lock's heartbeat is rewritten every {@code lockRefresh}; a lock is
 * stale when its process is dead on this host (pid gone, or reused by a process started at
 * another time) or when its heartbeat is older than {@code lockStaleAfter}.
 */
public final class LockManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LockManager.class);

    private final RepositoryContext context;
    private final SecureRandom random = new SecureRandom();
    /** Locks acquired and not yet released: {@link #close} releases them, so an interrupted operation leaves none. */
    private final Map<String, Lock> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cairn-lock-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** A lock file and what it says. */
    private record Held(String name, LockFile file) {
    }

    public LockManager(RepositoryContext context) {
        this.context = context;
    }

    /** A held lock; closing it stops the heartbeat and deletes the lock file. */
    public static final class Lock implements AutoCloseable {
        private final Runnable release;
        private boolean released;

        private Lock(Runnable release) {
            this.release = release;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                release.run();
            }
        }
    }

    /** Takes a lock or fails with LOCKED naming the holder; close the result to release it. */
    public Lock acquire(boolean exclusive, String operation) {
        Instant now = context.clock().instant();
        LockFile mine = new LockFile(context.identity().host(), context.identity().user(), context.identity().pid(),
                processStart(context.identity().pid()).orElse(null), exclusive, operation, now, now);
        String name = FileKind.LOCK.nameOf(HexFormat.of().formatHex(randomId()));
        context.files().writeNamed(FileKind.LOCK, name, Json.write(mine));
        for (Held other : readAll()) {
            if (other.name().equals(name) || !(exclusive || other.file().exclusive()) || isStale(other.file())) {
                continue;
            }
            context.storage().delete(name);
            throw new CairnException(ErrorCode.LOCKED, "repository " + context.describe() + " is locked "
                    + (other.file().exclusive() ? "exclusively" : "") + " by " + other.file().operation() + " of "
                    + other.file().user() + "@" + other.file().host() + " (pid " + other.file().pid() + ") since "
                    + other.file().created() + ", lock " + other.name() + "; if that process is gone, run `cairn repo unlock`");
        }
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> refresh(name, mine),
                context.options().lockRefresh().toMillis(), context.options().lockRefresh().toMillis(), TimeUnit.MILLISECONDS);
        Lock lock = new Lock(() -> {
            held.remove(name);
            heartbeat.cancel(false);
            try {
                context.storage().delete(name);
            } catch (CairnException e) {
                LOG.warn("repository {}: removing lock {} failed ({}); it turns stale when this process ends",
                        context.describe(), name, e.getMessage());
            }
        });
        held.put(name, lock);
        return lock;
    }

    public List<LockInfo> list() {
        return readAll().stream().map(this::info).toList();
    }

    /** Removes stale locks, or all locks when {@code removeAll} (only when no holder is alive!). */
    public UnlockResult unlock(boolean removeAll) {
        List<LockInfo> removed = new ArrayList<>();
        List<LockInfo> remaining = new ArrayList<>();
        for (Held held : readAll()) {
            LockInfo info = info(held);
            if (removeAll || info.stale()) {
                context.storage().delete(held.name());
                removed.add(info);
            } else {
                remaining.add(info);
            }
        }
        return new UnlockResult(removed, remaining);
    }

    /**
     * Releases every lock still held (an operation interrupted by Ctrl-C or an abandoned
     * snapshot builder: their data is never referenced by a snapshot, so prune's grace period
     * covers it as for any unfinished backup) and stops the heartbeats. Only a process killed
     * before it can close leaves a lock, which then turns stale.
     */
    @Override
    public void close() {
        for (Lock lock : List.copyOf(held.values())) {
            lock.close();
        }
        heartbeats.shutdownNow();
    }

    boolean isStale(LockFile lock) {
        Instant now = context.clock().instant();
        if (lock.heartbeat() == null || lock.heartbeat().plus(context.options().lockStaleAfter()).isBefore(now)) {
            return true;
        }
        if (!lock.host().equals(context.identity().host())) {
            return false;
        }
        Optional<Instant> start = processStart(lock.pid());
        return ProcessHandle.of(lock.pid()).isEmpty()
                || lock.processStart() != null && start.isPresent() && !start.get().equals(lock.processStart());
    }

    private void refresh(String name, LockFile mine) {
        try {
            context.files().writeNamed(FileKind.LOCK, name, Json.write(mine.withHeartbeat(context.clock().instant())));
        } catch (RuntimeException e) {
            LOG.warn("repository {}: refreshing lock {} failed: {}", context.describe(), name, e.getMessage());
        }
    }

    private List<Held> readAll() {
        List<Held> locks = new ArrayList<>();
        for (StoredObject object : context.storage().list(FileKind.LOCK.directory())) {
            if (FileKind.LOCK.idOf(object.name()).isEmpty()) {
                continue;
            }
            try {
                byte[] plain = context.files().readNamed(FileKind.LOCK, object.name());
                locks.add(new Held(object.name(), Json.read(plain, LockFile.class, object.name())));
            } catch (CairnException e) {
                if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.INTEGRITY) {
                    throw e;
                }
                LOG.debug("lock {} vanished or is unreadable: {}", object.name(), e.getMessage());
            }
        }
        return locks;
    }

    private LockInfo info(Held held) {
        LockFile file = held.file();
        return new LockInfo(FileKind.LOCK.idOf(held.name()).orElse(held.name()), file.host(), file.user(), file.pid(),
                file.exclusive(), file.operation(), file.created(), file.heartbeat(), isStale(file));
    }

    private byte[] randomId() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return id;
    }

    private static Optional<Instant> processStart(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
    }
}
