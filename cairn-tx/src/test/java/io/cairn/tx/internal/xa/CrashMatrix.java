package io.cairn.tx.internal.xa;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.core.DataManager;
import io.cairn.core.Sleeper;
import io.cairn.testkit.Await;
import io.cairn.tx.RecoveryResult;
import io.cairn.tx.TxSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The crash matrix: the coordinator, in a child JVM, is killed with -9 at every step of a transfer
 * between databases A and B; a new coordinator with the same id and log then recovers, and both
 * databases converge to all (after the decision is durable) or nothing (before), with no Cairn
 * branch left prepared.
 */
final class CrashMatrix {
    static final String COORDINATOR = "crash-test";

    /** Where the child stops, and whether the transfer must end up committed. */
    record Kill(Step.Point point, String db, boolean committed) {
        @Override
        public String toString() {
            return point + (db == null ? "" : "(" + db + ")");
        }
    }

    static List<Kill> kills(String a, String b) {
        return List.of(new Kill(Step.Point.BEFORE_PREPARE, null, false), new Kill(Step.Point.PREPARED, a, false),
                new Kill(Step.Point.PREPARED, b, false), new Kill(Step.Point.DECIDED, null, true),
                new Kill(Step.Point.COMMITTED, a, true), new Kill(Step.Point.ALL_COMMITTED, null, true));
    }

    /** Runs every kill in turn; returns one line per kill for the report. */
    static List<String> run(Bank bank, Path temp) throws Exception {
        Path log = temp.resolve("coordinator-log");
        Path config = bank.writeConfig(temp.resolve("cairn.yaml"), "transactions:\n  coordinator: { id: "
                + COORDINATOR + ", log: \"" + log + "\" }\n");
        String a = bank.dbs().get(0);
        String b = bank.dbs().get(1);
        List<String> lines = new ArrayList<>();
        for (Kill kill : kills(a, b)) {
            bank.reset(1, 100);
            killChildAt(config, kill, temp);
            int preparedAfterKill = bank.preparedBranches().size();
            TxSettings settings = new TxSettings(COORDINATOR, log, Duration.ofHours(1), Duration.ofMinutes(5));
            try (DataManager databases = bank.dataManager();
                 TwoPhaseCommit coordinator = new TwoPhaseCommit(databases, settings, Clock.systemUTC(),
                         Sleeper.system(), new SimpleMeterRegistry())) {
                // the coordinator's own start-up run may be the one that finishes; recover() until clean
                Await.until(Duration.ofSeconds(60), "recovery after a kill at " + kill, () -> {
                    RecoveryResult result = coordinator.recover(false);
                    return bank.preparedBranches().isEmpty() && coordinator.inDoubt().decided().isEmpty()
                            && !result.unresolved();
                });
            }
            long expectedA = kill.committed() ? 90 : 100;
            long expectedB = kill.committed() ? 110 : 100;
            assertThat(bank.balance(a, 1)).as("%s after a kill at %s", a, kill).isEqualTo(expectedA);
            assertThat(bank.balance(b, 1)).as("%s after a kill at %s", b, kill).isEqualTo(expectedB);
            assertThat(bank.preparedBranches()).as("prepared branches after a kill at %s", kill).isEmpty();
            assertThat(CoordinatorLog.readOnly(log, COORDINATOR).decisions()).as("log entries after %s", kill).isEmpty();
            lines.add(kill + ": " + preparedAfterKill + " branch(es) prepared at the kill -> "
                    + (kill.committed() ? "committed on both" : "rolled back on both"));
        }
        return lines;
    }

    private static void killChildAt(Path config, Kill kill, Path temp) throws Exception {
        Path err = temp.resolve("child-" + kill.point() + "-" + kill.db() + ".err");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), config.toString(), kill.point().name(), kill.db() == null ? "-" : kill.db());
        Process child = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try {
            String line = CompletableFuture.supplyAsync(() -> firstLine(child)).get(120, TimeUnit.SECONDS);
            assertThat(line).as("child output at %s (stderr: %s)", kill, Files.exists(err) ? Files.readString(err) : "")
                    .isEqualTo(CrashChild.BLOCKED);
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String firstLine(Process child) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.equals(CrashChild.BLOCKED) || line.equals("FINISHED")) {
                    return line;
                }
            }
            return "(no output)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
