package io.cairn.repository;

import java.util.List;

/**
 * One finding of {@link Repository#check}.
 *
 * @param kind      {@code pack}, {@code index}, {@code snapshot}, {@code tree}, {@code blob}, {@code key}
 * @param resource  the stored file concerned, e.g. {@code data/ab/ab12…} or {@code snapshots/…}
 * @param message   what is wrong and what to do
 * @param snapshots short ids of the snapshots that lose data because of it
 * @param files     affected files as {@code <snapshot short id>:<path>} (at most 100 listed)
 */
public record CheckProblem(String kind, String resource, String message, List<String> snapshots, List<String> files) {
}
