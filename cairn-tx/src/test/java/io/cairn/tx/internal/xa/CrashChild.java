package io.cairn.tx.internal.xa;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.tx.TxOptions;
import io.cairn.tx.TxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Runs in a child JVM started by {@link CrashMatrix}: one distributed transfer of 10 from account 1
 * on database A to account 1 on database B that, at the chosen step, prints {@code BLOCKED} and
 * waits on stdin forever, so the test kills it there with -9.
 *
 * <pre>  CONFIG_FILE POINT DB|-      (POINT: a {@link Step.Point} name; DB: the branch it concerns)</pre>
 */
public final class CrashChild {
    public static final String BLOCKED = "BLOCKED";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        CairnConfig config = CairnConfig.load(Path.of(args[0]));
        Step.Point point = Step.Point.valueOf(args[1]);
        String db = args[2].equals("-") ? null : args[2];
        TxSettings settings = TxSettings.from(config).withRecoveryInterval(java.time.Duration.ofHours(1));
        Step block = (at, branch, connection) -> {
            if (at == point && (db == null || db.equals(branch))) {
                blockForever();
            }
        };
        try (DataManager databases = DataManager.open(config);
             TwoPhaseCommit coordinator = new TwoPhaseCommit(databases, settings, Clock.systemUTC(), Sleeper.system(),
                     new SimpleMeterRegistry(), block)) {
            List<String> dbs = List.copyOf(config.databases().keySet());
            coordinator.run(dbs, TxOptions.defaults(), d -> {
                d.on(dbs.get(0)).execute("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
                d.on(dbs.get(1)).execute("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
            });
        }
        System.out.println("FINISHED");
    }

    private static void blockForever() {
        System.out.println(BLOCKED);
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; it kills us
            }
        } catch (java.io.IOException ignored) {
            // killed
        }
        Runtime.getRuntime().halt(3);
    }
}
