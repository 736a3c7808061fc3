package io.cairn.cli.agent;

import io.cairn.Cairn;
import io.cairn.agent.Agent;
import io.cairn.cli.CairnCommand;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cairn agent}: runs the agent in the foreground until Ctrl-C or SIGTERM, which stop it
 * gracefully (running jobs finish or are interrupted after the grace period, repository locks
 * are released, the HTTP server stops) before the process exits.
 */
@Command(name = "agent", description = "Run the agent in the foreground: schedules, retention, alerts, admin API, "
        + "/metrics and the dashboard (Ctrl-C or SIGTERM stops it gracefully).")
public final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        // the agent serves /metrics from this registry; the facade's database meters land in it too
        Cairn cairn = CairnCommand.of(spec).cairnWithConfig("cairn agent needs one")
                .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).open();
        Agent agent;
        try {
            agent = Agent.builder(cairn).start();
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        // the hook itself stops the agent: the JVM waits for hooks, not for the main thread
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            cairn.close();
            stopped.countDown();
        }, "cairn-agent-stop"));
        out.printf("cairn agent running: %d schedule(s), API on %s; Ctrl-C stops%n", agent.config().schedules().size(),
                agent.address().map(a -> (agent.config().tls().isPresent() ? "https://" : "http://")
                        + a.getHostString() + ":" + a.getPort()).orElse("(none)"));
        out.flush();
        stopped.await();
        return 0;
    }
}
