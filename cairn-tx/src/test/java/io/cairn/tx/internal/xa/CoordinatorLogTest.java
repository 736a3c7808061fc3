package io.cairn.tx.internal.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator log survives what a crash leaves (a torn last record) and reports real damage. */
class CoordinatorLogTest {
    @TempDir
    Path dir;

    private static Decision commit(String gid) {
        return new Decision(gid, true, Instant.ofEpochMilli(1_700_000_000_000L), List.of("a", "b"), false);
    }

    @Test
    void decisionsSurviveReopeningAndDoneRemovesThem() {
        try (CoordinatorLog log = CoordinatorLog.open(dir, "c1")) {
            log.decide(commit("g1"));
            log.decide(commit("g2"));
            log.done("g1");
        }
        try (CoordinatorLog log = CoordinatorLog.open(dir, "c1")) {
            assertThat(log.decisions()).containsOnlyKeys("g2");
            assertThat(log.decision("g2")).contains(commit("g2"));
            assertThat(log.damaged()).isFalse();
        }
    }

    @Test
    void aTornLastRecordIsDroppedAndEverythingBeforeItKept() throws IOException {
        try (CoordinatorLog log = CoordinatorLog.open(dir, "c1")) {
            log.decide(commit("g1"));
        }
        ByteBuffer torn = CoordinatorLog.frame(commit("g2").encode());
        byte[] half = new byte[torn.remaining() - 5];
        torn.get(half);
        Files.write(dir.resolve(CoordinatorLog.FILE), half, StandardOpenOption.APPEND);
        try (CoordinatorLog log = CoordinatorLog.open(dir, "c1")) {
            assertThat(log.decisions()).containsOnlyKeys("g1");
            assertThat(log.damaged()).isFalse();
            log.decide(commit("g3"));
        }
        assertThat(CoordinatorLog.readOnly(dir, "c1").decisions()).containsOnlyKeys("g1", "g3");
    }

    @Test
    void aBadRecordInTheMiddleMarksTheLogDamagedSoNothingIsPresumed() throws IOException {
        try (CoordinatorLog log = CoordinatorLog.open(dir, "c1")) {
            log.decide(commit("g1"));
            log.decide(commit("g2"));
            log.decide(commit("g3"));
        }
        Path file = dir.resolve(CoordinatorLog.FILE);
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = CoordinatorLog.frame("H c1").remaining();
        int firstLength = CoordinatorLog.frame(commit("g1").encode()).remaining();
        bytes[headerLength + firstLength + 12] ^= 0x20; // inside g2's payload
        Files.write(file, bytes);

        assertThat(CoordinatorLog.readOnly(dir, "c1").damaged()).isTrue();
        try (CoordinatorLog log = CoordinatorLog.open(dir, "c1")) {
            assertThat(log.damaged()).isTrue();
            assertThat(log.decisions()).containsOnlyKeys("g1");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("coordinator.log.damaged-"));
        }
    }

    @Test
    void aSecondCoordinatorOnTheSameLogIsLockedOut() {
        try (CoordinatorLog log = CoordinatorLog.open(dir, "c1")) {
            assertThatThrownBy(() -> CoordinatorLog.open(dir, "c1")).isInstanceOfSatisfying(CairnException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCKED);
                assertThat(e.getMessage()).contains(dir.toString(), "coordinator id");
            });
        }
    }

    @Test
    void aLogOfAnotherCoordinatorIsRefused() {
        CoordinatorLog.open(dir, "c1").close();
        assertThatThrownBy(() -> CoordinatorLog.open(dir, "c2")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION);
            assertThat(e.getMessage()).contains("belongs to coordinator 'c1'", "coordinator.id");
        });
    }

    @Test
    void gidsNameTheirCoordinatorAndFitMariaDbsGtrid() {
        String gid = Gid.next("a-very-long-coordinator-id-32-ch", Instant.now());
        assertThat(gid.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        assertThat(Gid.belongsTo(gid, "a-very-long-coordinator-id-32-ch")).isTrue();
        assertThat(Gid.belongsTo(gid, "a-very-long-coordinator-id-32")).isFalse();
        assertThat(Gid.belongsTo("cairn:other:" + gid.substring(gid.lastIndexOf(':') + 1), "a")).isFalse();
    }
}
