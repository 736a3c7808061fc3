package io.cairn.cli;

import java.time.Duration;

/** Durations for people: "850 ms", "2.4 s", "3 min 12 s". */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return String.format("%d min %d s", seconds / 60, seconds % 60);
    }
}
