package io.cairn.repository;

import java.util.List;

/** Locks removed by {@link Repository#unlock(boolean)} and those left in place (live holders). */
public record UnlockResult(List<LockInfo> removed, List<LockInfo> remaining) {
}
