package io.cairn.agent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.agent.RunRecord;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code runs.jsonl} bounded: when it has grown past {@link #COMPACT_ABOVE_BYTES} (about
 * 50,000 lines; a start-up with a smaller file costs one stat, not a second read), it is
 * rewritten with the final line of the newest {@link #KEEP} runs, plus what the scheduler and the
 * alerts need of older ones (each job's newest success, newest finished run and newest served
 * firing). Run ids are kept, so numbering goes on.
 *
 * <p>Crash safety, in this order: the kept lines are written to {@code runs.jsonl.compact},
 * forced to disk, renamed over {@code runs.jsonl} (atomic), then the directory is forced. A crash
 * before the rename leaves the full old history (the leftover file is overwritten next time); after
 * it, the compacted one. The history is opened only after compaction, so no append can be lost.
 */
final class RunHistoryCompaction {
    static final long COMPACT_ABOVE_BYTES = 8L << 20;
    static final int KEEP = 10_000;

    private RunHistoryCompaction() {
    }

    /** Compacts {@code file} when it is too long; returns whether it did. */
    static boolean compactIfLarge(Path file, ObjectMapper json) throws IOException {
        if (!Files.exists(file) || Files.size(file) <= COMPACT_ABOVE_BYTES) {
            return false;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<Long, RunRecord> finalStates = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                RunRecord record = json.readValue(lines.get(i), RunRecord.class);
                finalStates.put(record.id(), record);
            } catch (IOException e) {
                if (i < lines.size() - 1) {
                    throw e;
                }
                // a line torn by a crash: dropped, as opening the history would
            }
        }
        TreeMap<Long, RunRecord> kept = new TreeMap<>();
        finalStates.values().stream().sorted(Comparator.comparingLong(RunRecord::id).reversed()).limit(KEEP)
                .forEach(record -> kept.put(record.id(), record));
        newestPerJob(finalStates.values()).forEach(record -> kept.put(record.id(), record));
        StringBuilder text = new StringBuilder();
        for (RunRecord record : kept.values()) {
            text.append(json.writeValueAsString(record)).append('\n');
        }
        replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** Per job: the newest success, the newest finished (not skipped) run, the run that served the newest firing. */
    private static List<RunRecord> newestPerJob(Iterable<RunRecord> records) {
        Map<String, RunRecord> success = new HashMap<>();
        Map<String, RunRecord> finished = new HashMap<>();
        Map<String, RunRecord> firing = new HashMap<>();
        for (RunRecord record : records) {
            if (record.outcome() == RunRecord.Outcome.succeeded) {
                success.merge(record.job(), record, RunHistoryCompaction::newer);
            }
            if (record.end().isPresent() && record.outcome() != RunRecord.Outcome.skipped) {
                finished.merge(record.job(), record, RunHistoryCompaction::newer);
            }
            if (record.scheduledFor().isPresent()) {
                firing.merge(record.job(), record, (a, b) -> a.scheduledFor().get().isAfter(b.scheduledFor().get()) ? a : b);
            }
        }
        List<RunRecord> all = new ArrayList<>(success.values());
        all.addAll(finished.values());
        all.addAll(firing.values());
        return all;
    }

    private static RunRecord newer(RunRecord a, RunRecord b) {
        return a.id() > b.id() ? a : b;
    }

    private static void replace(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".compact");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
