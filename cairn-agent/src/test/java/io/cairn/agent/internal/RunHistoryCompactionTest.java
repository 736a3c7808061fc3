package io.cairn.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.agent.RunRecord;
import io.cairn.core.CairnJson;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history past 8 MiB (about 50,000 lines) is compacted when opened, keeping what scheduling and alerts need. */
class RunHistoryCompactionTest {
    @TempDir
    Path state;

    @Test
    void aLongHistoryIsCutToTheNewestRunsAndEachJobsLandmarks() throws Exception {
        ObjectMapper json = CairnJson.mapper();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int runs = 26_000;
        try (BufferedWriter out = Files.newBufferedWriter(state.resolve("runs.jsonl"), StandardCharsets.UTF_8)) {
            // run 1: the only success of a job that has failed ever since; run 2: the only run of a rare job
            write(out, json, record(1, "nightly", start, Optional.of(start)), RunRecord.Outcome.succeeded);
            write(out, json, record(2, "yearly", start, Optional.of(start.plusSeconds(7))), RunRecord.Outcome.succeeded);
            for (long id = 3; id <= runs; id++) {
                RunRecord record = record(id, "nightly", start.plusSeconds(id * 60), Optional.of(start.plusSeconds(id * 60)));
                write(out, json, record, RunRecord.Outcome.failed);
            }
            out.write("{\"id\":" + (runs + 1) + ",\"job\":\"nigh");
        }
        assertThat(Files.size(state.resolve("runs.jsonl"))).isGreaterThan(RunHistoryCompaction.COMPACT_ABOVE_BYTES);
        // what a compaction killed before its rename leaves behind: a partial copy next to the intact history
        Files.writeString(state.resolve("runs.jsonl.compact"), "{\"id\":1,\"jo");

        try (RunHistory history = RunHistory.open(state, start.plusSeconds(10_000_000))) {
            assertThat(Files.readAllLines(state.resolve("runs.jsonl"))).hasSizeLessThanOrEqualTo(RunHistoryCompaction.KEEP + 2);
            assertThat(history.lastSuccess("nightly")).map(RunRecord::id).contains(1L);
            assertThat(history.lastSuccess("yearly")).map(RunRecord::id).contains(2L);
            assertThat(history.lastFinished("nightly")).map(RunRecord::id).contains((long) runs);
            assertThat(history.lastScheduledFor("yearly")).contains(start.plusSeconds(7));
            assertThat(history.recent(1, Optional.empty()).get(0).id()).isEqualTo(runs);
            RunRecord next = history.start("nightly", "backup files", "manual", Optional.empty(), start);
            assertThat(next.id()).isEqualTo(runs + 1);
        }
        assertThat(Files.exists(state.resolve("runs.jsonl.compact"))).isFalse();
    }

    private static RunRecord record(long id, String job, Instant start, Optional<Instant> scheduledFor) {
        return new RunRecord(id, job, "backup files", "schedule", scheduledFor, start, Optional.empty(),
                RunRecord.Outcome.running, Map.of(), Optional.empty());
    }

    private static void write(BufferedWriter out, ObjectMapper json, RunRecord running, RunRecord.Outcome outcome)
            throws Exception {
        out.write(json.writeValueAsString(running));
        out.write('\n');
        out.write(json.writeValueAsString(running.finish(running.start().plusSeconds(30), outcome, Map.of(),
                outcome == RunRecord.Outcome.failed ? Optional.of("boom") : Optional.empty())));
        out.write('\n');
    }
}
