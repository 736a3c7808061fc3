package io.cairn.repository.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.InitOptions;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.LockInfo;
import io.cairn.repository.Passphrase;
import io.cairn.repository.RepositoryOptions;
import io.cairn.repository.UnlockResult;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.RepositoryOpener;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.storage.LocalStorage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockManagerTest {
    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @TempDir
    Path temp;
    RepositoryContext context;
    LockManager locks;

    @BeforeEach
    void repository() {
        RepositoryOptions options = RepositoryOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        context = RepositoryOpener.init(new LocalStorage(temp), Passphrase.of("pw"),
                InitOptions.defaults().withKeyDerivation(KeyDerivation.argon2id(1024, 1, 1)), options).context();
        locks = new LockManager(context);
    }

    @Test
    @SuppressWarnings("try")
    void sharedLocksCoexistAndExclusiveConflictsNamingTheHolder() throws Exception {
        try (LockManager.Lock backup = locks.acquire(false, "backup"); LockManager.Lock restore = locks.acquire(false, "restore")) {
            assertThat(locks.list()).hasSize(2).noneMatch(LockInfo::stale);
            assertThatThrownBy(() -> locks.acquire(true, "prune")).isInstanceOfSatisfying(CairnException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                assertThat(e.getMessage()).contains("pid " + ProcessHandle.current().pid()).contains("cairn repo unlock");
            });
            assertThat(locks.list()).hasSize(2);
        }
        assertThat(locks.list()).isEmpty();
        try (LockManager.Lock prune = locks.acquire(true, "prune")) {
            assertThatThrownBy(() -> locks.acquire(false, "backup")).isInstanceOfSatisfying(CairnException.class,
                    e -> assertThat(e.getMessage()).contains("exclusively by prune"));
        }
    }

    @Test
    void closeReleasesLocksStillHeldByAnInterruptedOperation() {
        LockManager.Lock interrupted = locks.acquire(false, "backup");
        locks.acquire(false, "check").close();
        assertThat(locks.list()).hasSize(1);

        locks.close();

        assertThat(new LockManager(context).list()).isEmpty();
        interrupted.close(); // the operation's own release afterwards is harmless
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsStaleAndUnlockRemovesIt() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        plant(context.identity().host(), process.pid(), NOW);
        plant("other-host", 4242, NOW);
        assertThat(locks.list()).extracting(LockInfo::stale).containsExactlyInAnyOrder(true, false);
        assertThatThrownBy(() -> locks.acquire(true, "prune")).isInstanceOfSatisfying(CairnException.class,
                e -> assertThat(e.getMessage()).contains("other-host"));
        UnlockResult unlock = locks.unlock(false);
        assertThat(unlock.removed()).singleElement().extracting(LockInfo::pid).isEqualTo(process.pid());
        assertThat(unlock.remaining()).singleElement().extracting(LockInfo::host).isEqualTo("other-host");
        assertThat(locks.unlock(true).removed()).hasSize(1);
        locks.acquire(true, "prune").close();
    }

    @Test
    void aLockWithAnOldHeartbeatIsStaleEvenOnAnotherHost() throws Exception {
        plant("other-host", 4242, NOW.minus(Duration.ofMinutes(31)));
        assertThat(locks.list()).singleElement().extracting(LockInfo::stale).isEqualTo(true);
        locks.acquire(true, "prune").close();
    }

    private void plant(String host, long pid, Instant heartbeat) throws IOException {
        byte[] id = new byte[32];
        new Random().nextBytes(id);
        LockFile file = new LockFile(host, "someone", pid, null, true, "prune", heartbeat, heartbeat);
        context.files().writeNamed(FileKind.LOCK, FileKind.LOCK.nameOf(HexFormat.of().formatHex(id)), Json.write(file));
    }
}
