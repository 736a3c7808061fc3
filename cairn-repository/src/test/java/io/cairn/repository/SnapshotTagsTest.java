package io.cairn.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotTagsTest {
    private static SnapshotInfo tagged(String... tags) {
        return new SnapshotInfo("cd".repeat(32), "cdcdcdcd", Instant.EPOCH, "host", "user", List.of(tags), List.of("/x"),
                "files", Optional.empty(), 0, 0, 0, 0, 0);
    }

    @Test
    void writesAndReadsTheDatabaseTag() {
        assertThat(SnapshotTags.database("main")).isEqualTo("db:main");
        assertThat(SnapshotTags.databaseOf(tagged("x", SnapshotTags.database("main")))).contains("main");
        assertThat(SnapshotTags.databaseOf(tagged("x"))).isEmpty();
        assertThatThrownBy(() -> SnapshotTags.database(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheTagOlderAgentsWrote() {
        assertThat(SnapshotTags.databaseOf(tagged("schedule=nightly", "db=legacy"))).contains("legacy");
        assertThat(SnapshotTags.databaseOf(tagged("db=old", "db:main"))).contains("main");
    }
}
