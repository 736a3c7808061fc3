package io.cairn.agent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.agent.RunRecord;
import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable run history: an append-only JSON-lines file ({@code runs.jsonl}), one line per
 * state of a run (a {@code running} line when it starts, the final line when it ends; the last
 * line of an id wins).
 *
 * <p>Crash safety, in this order: each line is written with one {@code write} and forced to disk
 * ({@code fsync}) before the caller goes on, so a line that is visible was complete when written;
 * a crash can only leave a torn last line, which {@link #open} cuts off (back to the last newline)
 * before appending again. A run whose last line still says {@code running} when the history is
 * opened belonged to an agent that died: it is re-recorded as {@code interrupted}.
 *
 * <p>Memory holds the newest {@value #KEPT_IN_MEMORY} runs and, per job, the newest successful
 * run. The file is compacted when the history is opened and it has grown past 8 MiB (~50,000 lines)
 * ({@link RunHistoryCompaction}: the newest 10,000 runs and what scheduling needs of older ones).
 */
public final class RunHistory implements AutoCloseable {
    static final int KEPT_IN_MEMORY = 500;
    private static final String FILE = "runs.jsonl";

    private final ObjectMapper json = CairnJson.mapper();
    private final Path file;
    private final FileChannel channel;
    private final Deque<RunRecord> recent = new ArrayDeque<>();
    private final Map<String, RunRecord> lastSuccess = new HashMap<>();
    private final Map<String, RunRecord> lastFinished = new HashMap<>();
    private final Map<String, Instant> lastScheduledFor = new HashMap<>();
    private long nextId = 1;

    private RunHistory(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if needed) the history in {@code directory}; marks runs left running as interrupted. */
    public static RunHistory open(Path directory, Instant now) {
        Path file = directory.resolve(FILE);
        try {
            Files.createDirectories(directory);
            RunHistoryCompaction.compactIfLarge(file, CairnJson.mapper());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            RunHistory history = new RunHistory(file, channel);
            history.load(now);
            return history;
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "run history " + file + ": cannot open: " + e.getMessage()
                    + " (check that the agent's state directory is writable)", e);
        }
    }

    private void load(Instant now) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        // a torn last line (crash during write) is cut off so the next append starts on a clean line
        channel.truncate(end);
        channel.position(end);
        Map<Long, RunRecord> byId = new LinkedHashMap<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                RunRecord record = json.readValue(line, RunRecord.class);
                byId.remove(record.id());
                byId.put(record.id(), record);
                nextId = Math.max(nextId, record.id() + 1);
            }
        }
        List<RunRecord> records = new ArrayList<>(byId.values());
        records.sort(java.util.Comparator.comparingLong(RunRecord::id));
        for (RunRecord record : records) {
            if (record.outcome() == RunRecord.Outcome.running) {
                record = record.finish(now, RunRecord.Outcome.interrupted, record.figures(),
                        Optional.of("the agent stopped during this run"));
                append(record);
            }
            remember(record);
        }
    }

    /** Records the start of a run and returns it with its id. */
    public synchronized RunRecord start(String job, String run, String trigger, Optional<Instant> scheduledFor, Instant now) {
        RunRecord record = new RunRecord(nextId++, job, run, trigger, scheduledFor, now, Optional.empty(),
                RunRecord.Outcome.running, Map.of(), Optional.empty());
        append(record);
        remember(record);
        return record;
    }

    /** Records a final state (succeeded, failed, skipped, interrupted). */
    public synchronized void finish(RunRecord record) {
        append(record);
        remember(record);
    }

    private void append(RunRecord record) {
        try {
            ByteBuffer line = ByteBuffer.wrap((json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "run history " + file + ": cannot write: " + e.getMessage()
                    + " (check free space and permissions of the state directory)", e);
        }
    }

    private void remember(RunRecord record) {
        recent.removeIf(r -> r.id() == record.id());
        recent.addFirst(record);
        while (recent.size() > KEPT_IN_MEMORY) {
            recent.removeLast();
        }
        if (record.outcome() == RunRecord.Outcome.succeeded) {
            lastSuccess.put(record.job(), record);
        }
        record.scheduledFor().ifPresent(at -> lastScheduledFor.merge(record.job(), at, (a, b) -> a.isAfter(b) ? a : b));
        if (record.end().isPresent() && record.outcome() != RunRecord.Outcome.skipped) {
            lastFinished.put(record.job(), record);
        }
    }

    /** The newest runs first, at most {@code limit}, optionally of one job. */
    public synchronized List<RunRecord> recent(int limit, Optional<String> job) {
        return recent.stream().filter(r -> job.isEmpty() || r.job().equals(job.get())).limit(limit).toList();
    }

    public synchronized Optional<RunRecord> lastSuccess(String job) {
        return Optional.ofNullable(lastSuccess.get(job));
    }

    /** The newest run of the job that ended (succeeded, failed or interrupted; skips do not count). */
    public synchronized Optional<RunRecord> lastFinished(String job) {
        return Optional.ofNullable(lastFinished.get(job));
    }

    /** The newest firing time a run (or skip) of this job has served. */
    public synchronized Optional<Instant> lastScheduledFor(String job) {
        return Optional.ofNullable(lastScheduledFor.get(job));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "run history " + file + ": cannot close: " + e.getMessage(), e);
        }
    }
}
