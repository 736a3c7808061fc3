package io.cairn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.cairn.embedded.PostgresBinaries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cairn quickstart}: the whole Cairn story on a throwaway embedded PostgreSQL that needs
 * no install — repository, WAL streaming, a full backup, writes, a disaster, and a
 * point-in-time restore to just before it. Everything lives in temp directories that are
 * removed at the end, also when a step fails (unless --keep).
 */
@Command(name = "quickstart",
        description = "On an embedded PostgreSQL: back up, stream WAL, drop a table by mistake, restore to just before it.")
public final class QuickstartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "Keep the servers' directories and the repository, and print where they are.")
    boolean keep;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StepClock clock = new StepClock(out);
        PostgresBinaries binaries = clock.step("Unpack the bundled PostgreSQL binaries", PostgresBinaries::bundled);
        out.printf("  PostgreSQL %s in %s%n", binaries.version(), binaries.binDirectory());
        try (QuickstartStory story = new QuickstartStory(binaries, keep, out, clock)) {
            story.run();
        }
        clock.summary();
        return 0;
    }
}
