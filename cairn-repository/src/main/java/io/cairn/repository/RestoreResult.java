package io.cairn.repository;

import java.time.Duration;
import java.util.List;

/**
 * What a restore wrote.
 *
 * @param warnings entries that were not restored (special files such as fifos and devices, or
 *                 ownership that could not be set)
 */
public record RestoreResult(String snapshotId, String target, long files, long directories, long symlinks,
        long bytes, Duration duration, List<String> warnings) {
}
