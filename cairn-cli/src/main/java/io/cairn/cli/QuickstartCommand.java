package io.cairn.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import io.cairn.core.DataManager;
import io.cairn.core.QueryResult;
import io.cairn.core.config.CairnConfig;
import io.cairn.core.config.Environment;
import io.cairn.embedded.PostgresBinaries;
import io.cairn.embedded.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cairn quickstart}: the whole Cairn story on a throwaway embedded PostgreSQL that needs
 * no install. The server runs from the bundled binaries (as an unprivileged user when this JVM
 * is root) in a temp directory that is removed at the end, also when a step fails.
 */
@Command(name = "quickstart",
        description = "Start an embedded PostgreSQL, connect with Cairn, create sample data, show its health, stop it.")
public final class QuickstartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "Keep the server's directory (data and log) and print where it is.")
    boolean keep;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StepClock clock = new StepClock(out);

        PostgresBinaries binaries = clock.step("Unpack the bundled PostgreSQL binaries", PostgresBinaries::bundled);
        out.printf("  PostgreSQL %s in %s%n", binaries.version(), binaries.binDirectory());
        try (PostgresServer server = PostgresServer.builder().binaries(binaries).database("shop")
                .keepDirectory(keep).build()) {
            clock.step("Start the embedded server", () -> {
                server.start();
                return server;
            });
            out.printf("  listening on 127.0.0.1:%d, data in %s%n", server.port(), server.dataDirectory());

            try (DataManager dm = DataManager.open(config(server))) {
                clock.step("Create the sample schema and data", () -> SampleShop.create(dm, "shop"));
                QueryResult summary = dm.query("shop", SampleShop.SUMMARY_QUERY);
                QueryRendering.print(out, summary);

                out.println();
                HealthRendering.print(out, dm.health());
            }
            clock.step("Stop the server", () -> {
                server.stop();
                return server;
            });
            if (keep) {
                out.printf("  kept %s (start it again with: postgres -D %s)%n", server.directory(), server.dataDirectory());
            }
        }
        clock.summary();
        return 0;
    }

    /** The same configuration a user would write, with the password passed by reference. */
    private static CairnConfig config(PostgresServer server) {
        String yaml = """
                databases:
                  shop: { type: postgresql, url: "postgresql://%s@127.0.0.1:%d/%s", password: "${QUICKSTART_PASSWORD}", pool: { max: 4 } }
                """.formatted(server.user(), server.port(), server.database());
        return CairnConfig.parse(yaml, "quickstart", Environment.of(Map.of("QUICKSTART_PASSWORD", server.password())));
    }

    /** Times each step and prints it as it finishes, then a summary table at the end. */
    private static final class StepClock {
        private final PrintWriter out;
        private final Table timings = new Table("STEP", "TIME");
        private final long started = System.nanoTime();

        StepClock(PrintWriter out) {
            this.out = out;
        }

        <T> T step(String name, java.util.function.Supplier<T> action) {
            out.printf("- %s …%n", name);
            out.flush();
            long begin = System.nanoTime();
            T result = action.get();
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            out.printf("  done in %s%n", Durations.human(took));
            timings.row(name, Durations.human(took));
            return result;
        }

        void summary() {
            out.println();
            timings.row("total", Durations.human(Duration.ofNanos(System.nanoTime() - started)));
            timings.print(out);
        }
    }
}
