package io.cairn.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/** Times the steps of a long story, prints each as it finishes, and a summary table at the end. */
final class StepClock {
    private final PrintWriter out;
    private final Table timings = new Table("STEP", "TIME");
    private final long started = System.nanoTime();

    StepClock(PrintWriter out) {
        this.out = out;
    }

    <T> T step(String name, Supplier<T> action) {
        out.printf("- %s …%n", name);
        out.flush();
        long begin = System.nanoTime();
        T result = action.get();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        out.printf("  done in %s%n", Durations.human(took));
        timings.row(name, Durations.human(took));
        return result;
    }

    void step(String name, Runnable action) {
        step(name, () -> {
            action.run();
            return null;
        });
    }

    void summary() {
        out.println();
        timings.row("total", Durations.human(Duration.ofNanos(System.nanoTime() - started)));
        timings.print(out);
    }
}
