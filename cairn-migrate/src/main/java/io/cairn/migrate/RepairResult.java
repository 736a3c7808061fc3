package io.cairn.migrate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of {@code repair}, each list naming scripts.
 *
 * @param removedFailed  failed entries removed from the history
 * @param realigned      applied entries whose checksum or description now matches the file
 * @param markedDeleted  applied entries whose file is gone, now marked deleted
 */
public record RepairResult(String database, List<String> removedFailed, List<String> realigned,
                           List<String> markedDeleted) {
    public RepairResult {
        removedFailed = List.copyOf(removedFailed);
        realigned = List.copyOf(realigned);
        markedDeleted = List.copyOf(markedDeleted);
    }

    @JsonProperty("changed")
    public boolean changed() {
        return !removedFailed.isEmpty() || !realigned.isEmpty() || !markedDeleted.isEmpty();
    }
}
