package io.cairn.dump;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.repository.BackupOptions;
import io.cairn.repository.FileMetadata;
import io.cairn.repository.ProgressListener;
import io.cairn.repository.Repository;
import io.cairn.repository.SnapshotBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Damage for fault tests: flipped bytes in pack files, and a dump whose content no longer matches its manifest. */
final class Corruption {
    private Corruption() {
    }

    /** Flips a byte in the middle of every pack file of a local repository. */
    static void flipBytesInPacks(Path repository) throws IOException {
        try (Stream<Path> files = Files.walk(repository.resolve("data"))) {
            for (Path pack : files.filter(Files::isRegularFile).toList()) {
                try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
                    long middle = file.length() / 2;
                    file.seek(middle);
                    int b = file.read();
                    file.seek(middle);
                    file.write(b ^ 0x5a);
                }
            }
        }
    }

    /**
     * Writes a second dump snapshot holding the same manifest and files as {@code dumpId}, except
     * one byte changed in its last file (as a bug or a tampered repository could produce); returns its id.
     */
    static String forgeDumpWithChangedByte(Repository repository, String dumpId, String type, String db) {
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        repository.dump(dumpId, "manifest.json", manifest);
        List<String> entries = new ArrayList<>();
        try {
            new ObjectMapper().readTree(manifest.toByteArray()).get("entries").forEach(e -> entries.add(e.get("name").asText()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (SnapshotBuilder builder = repository.newSnapshot("dump", List.of(type + ":" + db),
                BackupOptions.defaults().withTags("dump", "db:" + db), ProgressListener.NONE)) {
            for (String entry : entries) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                repository.dump(dumpId, entry, content);
                byte[] bytes = content.toByteArray();
                if (entry.equals(entries.get(entries.size() - 1))) {
                    bytes[bytes.length / 2] ^= 0x01;
                }
                builder.addFile(entry, FileMetadata.of(0600, Instant.now()), new ByteArrayInputStream(bytes),
                        repository.contentDefinedChunker());
            }
            builder.addFile("manifest.json", FileMetadata.of(0600, Instant.now()),
                    new ByteArrayInputStream(manifest.toByteArray()), repository.contentDefinedChunker());
            return builder.commit().snapshotId();
        }
    }
}
