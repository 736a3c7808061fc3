package io.cairn.cli;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;

import io.cairn.repository.Progress;
import io.cairn.repository.ProgressListener;

/**
 * Shows progress of long work on the terminal, rewriting one line on stderr: files, bytes,
 * rate and ETA. Silent when stderr is not a terminal (scripts, CI, --json), so output that
 * is parsed never contains it.
 */
public final class ProgressPrinter implements ProgressListener, AutoCloseable {
    private final PrintStream terminal;
    private int lastLength;

    private ProgressPrinter(PrintStream terminal) {
        this.terminal = terminal;
    }

    /** A printer on stderr when there is a terminal and {@code enabled}, else one that prints nothing. */
    public static ProgressPrinter forTerminal(boolean enabled) {
        Console console = System.console();
        return new ProgressPrinter(enabled && console != null ? System.err : null);
    }

    @Override
    public void onProgress(Progress progress) {
        if (terminal == null) {
            return;
        }
        StringBuilder line = new StringBuilder(progress.operation()).append(": ");
        line.append(progress.filesDone());
        if (progress.filesTotal() >= 0) {
            line.append('/').append(progress.filesTotal());
        }
        line.append(" files, ").append(Bytes.human(progress.bytesDone()));
        if (progress.bytesTotal() > 0) {
            line.append(" of ").append(Bytes.human(progress.bytesTotal()));
        }
        line.append(", ").append(Bytes.human((long) progress.bytesPerSecond())).append("/s");
        progress.eta().ifPresent(eta -> line.append(", ETA ").append(Durations.human(eta.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))));
        String text = line.toString();
        terminal.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
        terminal.flush();
        lastLength = text.length();
    }

    @Override
    public void close() {
        if (terminal != null && lastLength > 0) {
            terminal.print("\r" + " ".repeat(lastLength) + "\r");
            terminal.flush();
        }
    }

}
