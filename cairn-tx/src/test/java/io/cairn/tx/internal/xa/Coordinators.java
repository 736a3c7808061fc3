package io.cairn.tx.internal.xa;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.tx.RecoveryResult;
import io.cairn.tx.TxSettings;
import io.cairn.testkit.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Builds coordinators for tests and waits for recovery to leave nothing behind. */
final class Coordinators {
    private Coordinators() {
    }

    static TxSettings settings(String id, Path log) {
        return new TxSettings(id, log, Duration.ofHours(1), Duration.ofMinutes(5));
    }

    static TwoPhaseCommit open(DataManager databases, String id, Path log, Step step) {
        return open(databases, settings(id, log), step);
    }

    static TwoPhaseCommit open(DataManager databases, TxSettings settings, Step step) {
        return new TwoPhaseCommit(databases, settings, Clock.systemUTC(), Sleeper.system(), new SimpleMeterRegistry(),
                step);
    }

    /** Runs recovery until no Cairn branch is prepared and no decision is left in the log. */
    static void recoverUntilClean(TwoPhaseCommit coordinator, Bank bank, String what) {
        Await.until(Duration.ofSeconds(60), what, () -> {
            RecoveryResult result = coordinator.recover(false);
            return !result.unresolved() && bank.preparedBranches().isEmpty() && coordinator.inDoubt().decided().isEmpty();
        });
    }
}
