package io.cairn.agent.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.agent.Alert;
import io.cairn.core.CairnJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the open alerts in {@code <state>/alerts.json}, so that an agent restarted while an alert
 * is open does not raise it again (no second webhook call, the original raise time kept) and
 * resolves it when the condition has cleared.
 *
 * <p>Crash safety, in this order: the whole list is written to {@code alerts.json.tmp}, forced to
 * disk, renamed over {@code alerts.json} (atomic), then the directory is forced. A crash leaves
 * either the old or the new list, never a torn one; losing the last change only means that alert
 * is raised (or resolved) once more after the restart.
 */
final class AlertStore {
    private static final Logger log = LoggerFactory.getLogger(AlertStore.class);
    private static final String FILE = "alerts.json";

    // "open" is derived (Alert.isOpen) and written along: ignored when read back
    private final ObjectMapper json = CairnJson.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Path file;

    AlertStore(Path stateDirectory) {
        this.file = stateDirectory.resolve(FILE);
    }

    /** The alerts open when the last agent stopped; none when the file is missing or unreadable (logged). */
    List<Alert> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return json.readValue(file.toFile(), new TypeReference<List<Alert>>() { });
        } catch (IOException e) {
            log.warn("{}: cannot read the open alerts ({}); conditions that still hold are raised again", file,
                    e.getMessage());
            return List.of();
        }
    }

    /** Replaces the stored list; a failure is logged, not thrown: alerting must not stop on a full disk. */
    void save(Collection<Alert> open) {
        Path temporary = file.resolveSibling(FILE + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(List.copyOf(open))));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            log.warn("{}: cannot store the open alerts: {}", file, e.getMessage());
        }
    }
}
