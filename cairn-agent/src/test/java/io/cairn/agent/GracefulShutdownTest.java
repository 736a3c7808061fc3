package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() lets running work finish within the grace period, interrupts it after, and records either outcome. */
class GracefulShutdownTest {
    @TempDir
    Path temp;

    @Test
    void workThatOutlivesTheGracePeriodIsInterruptedAndRecorded() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        CountDownLatch started = new CountDownLatch(1);
        JobRunner stuck = new JobRunner() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public JobResult run(JobContext context) throws Exception {
                started.countDown();
                new CountDownLatch(1).await();
                return JobResult.of(Map.of());
            }
        };
        String yaml = "schedules:\n  - { name: stuck, cron: \"0 3 * * *\", run: stuck }\n";
        Agent agent = Agent.builder(fixture.config(yaml)).runner(stuck).loop(false).serve(false)
                .shutdownGrace(Duration.ofMillis(100)).start();
        agent.trigger("stuck");
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        agent.close();
        try (Agent reopened = Agent.builder(fixture.config(yaml)).runner(stuck).loop(false).serve(false).start()) {
            RunRecord run = reopened.runs(1, Optional.empty()).get(0);
            assertThat(run.outcome()).isEqualTo(RunRecord.Outcome.interrupted);
            assertThat(run.end()).isPresent();
        }
    }

    @Test
    void workThatFinishesWithinTheGracePeriodSucceeds() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        String yaml = "schedules:\n  - { name: files, cron: \"0 3 * * *\", run: backup files, paths: [\"" + fixture.data + "\"] }\n";
        Agent agent = Agent.builder(fixture.config(yaml)).loop(false).serve(false).shutdownGrace(Duration.ofMinutes(2)).start();
        agent.trigger("files");
        agent.close();
        try (Agent reopened = Agent.builder(fixture.config(yaml)).loop(false).serve(false).start()) {
            assertThat(reopened.runs(1, Optional.empty()).get(0).outcome()).isEqualTo(RunRecord.Outcome.succeeded);
            assertThat(reopened.snapshots()).hasSize(1);
        }
    }
}
