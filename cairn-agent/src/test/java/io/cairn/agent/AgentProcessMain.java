package io.cairn.agent;

import io.cairn.core.config.CairnConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A child-JVM agent for {@link KilledAgentTest}: runs one files backup to completion, then starts
 * a job that never ends and writes a marker file, waiting to be killed with -9.
 */
public final class AgentProcessMain {
    private AgentProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[1]);
        JobRunner forever = new JobRunner() {
            @Override
            public String name() {
                return "forever";
            }

            @Override
            public JobResult run(JobContext context) throws Exception {
                Files.writeString(marker, "running");
                new CountDownLatch(1).await();
                return JobResult.of(Map.of());
            }
        };
        Agent agent = Agent.builder(CairnConfig.load(Path.of(args[0]))).runner(forever).serve(false).loop(false).start();
        agent.trigger("files");
        if (!agent.awaitIdle(Duration.ofMinutes(2))) {
            System.exit(3);
        }
        agent.trigger("forever");
        new CountDownLatch(1).await();
    }
}
