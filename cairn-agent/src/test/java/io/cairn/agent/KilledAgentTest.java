package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent JVM killed with -9 during a run: the restarted agent has the whole history, the cut run marked interrupted. */
class KilledAgentTest {
    @TempDir
    Path temp;

    @Test
    void historyIsIntactAfterKillMinusNine() throws Exception {
        AgentFixture fixture = new AgentFixture(temp);
        String schedules = "schedules:\n  - { name: files, cron: \"0 3 * * *\", run: backup files, paths: [\"" + fixture.data
                + "\"] }\n  - { name: forever, cron: \"0 4 * * *\", run: forever }\n";
        Path configFile = temp.resolve("cairn.yaml");
        Files.writeString(configFile, fixture.yaml(schedules, null));
        Path marker = temp.resolve("running.marker");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentProcessMain.class.getName(), configFile.toString(),
                marker.toString()).redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile());
        builder.environment().put("CAIRN_PASSWORD", AgentFixture.PASSWORD);
        builder.environment().put("ADMIN_TOKEN", AgentFixture.ADMIN_TOKEN);
        builder.environment().put("VIEWER_TOKEN", AgentFixture.VIEWER_TOKEN);
        Process child = builder.start();
        try {
            Await.until(Duration.ofMinutes(2), "the child agent to write its marker or exit", () -> Files.exists(marker) || !child.isAlive());
            assertThat(child.isAlive()).as("child log: %s", Files.readString(temp.resolve("child.log"))).isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        // and as if the kill had torn a line being written
        Files.writeString(fixture.state.resolve("runs.jsonl"), "{\"id\":99,\"job\":\"fil", StandardOpenOption.APPEND);

        JobRunner forever = new JobRunner() {
            @Override
            public String name() {
                return "forever";
            }

            @Override
            public JobResult run(JobContext context) {
                return JobResult.of(java.util.Map.of());
            }
        };
        try (Agent agent = Agent.builder(fixture.config(schedules)).runner(forever).loop(false).serve(false).start()) {
            List<RunRecord> runs = agent.runs(10, Optional.empty());
            assertThat(runs).extracting(RunRecord::job).containsExactly("forever", "files");
            assertThat(runs.get(1).outcome()).isEqualTo(RunRecord.Outcome.succeeded);
            assertThat(runs.get(0).outcome()).isEqualTo(RunRecord.Outcome.interrupted);
            assertThat(runs.get(0).error().orElseThrow()).contains("stopped");
            assertThat(agent.openAlerts()).extracting(Alert::key).containsExactly("job-failed:forever");
            assertThat(agent.snapshots()).hasSize(1);
            // the history goes on where it stopped, on a clean line
            RunRecord next = agent.trigger("files");
            assertThat(next.id()).isEqualTo(3);
            assertThat(agent.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(agent.runs(1, Optional.empty()).get(0).outcome()).isEqualTo(RunRecord.Outcome.succeeded);
        }
    }
}
