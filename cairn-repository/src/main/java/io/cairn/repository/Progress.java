package io.cairn.repository;

import java.time.Duration;
import java.util.Optional;

/**
 * A progress report of a long operation (backup, restore, check, prune).
 *
 * @param operation   {@code backup}, {@code restore}, {@code check}, {@code prune}
 * @param filesDone   files (or packs, for check and prune) finished so far
 * @param filesTotal  how many there are, or -1 while unknown
 * @param bytesDone   bytes processed so far
 * @param bytesTotal  bytes to process, or -1 while unknown
 * @param bytesAdded  bytes newly stored so far (backup), else 0
 * @param elapsed     time since the operation started
 * @param currentItem the file or pack being processed, if any
 */
public record Progress(String operation, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
        long bytesAdded, Duration elapsed, String currentItem) {

    /** Average throughput since the start. */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytesDone / seconds;
    }

    /** Remaining time at the average rate so far, when the total is known. */
    public Optional<Duration> eta() {
        double rate = bytesPerSecond();
        if (bytesTotal < 0 || rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (Math.max(0, bytesTotal - bytesDone) / rate * 1000)));
    }

    /** Fraction done in 0..1, when the total is known. */
    public Optional<Double> fraction() {
        return bytesTotal <= 0 ? Optional.empty() : Optional.of(Math.min(1.0, (double) bytesDone / bytesTotal));
    }
}
