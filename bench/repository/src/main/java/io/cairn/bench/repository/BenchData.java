package io.cairn.bench.repository;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates the benchmark data set (for bench/repository-api-vs-restic.sh) and its 1% change.
 * <pre>
 *   generate DIR MEGABYTES   40% random (incompressible), 40% log-like text, 20% small files
 *   change DIR               changes about 1% of the bytes: scattered overwrites, an insertion, a new file
 * </pre>
 */
public final class BenchData {
    private BenchData() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[1]);
        if (args[0].equals("generate")) {
            generate(directory, Long.parseLong(args[2]) << 20);
        } else {
            change(directory);
        }
    }

    static void generate(Path directory, long total) throws IOException {
        Random random = new Random(42);
        long randomBytes = total * 4 / 10;
        long textBytes = total * 4 / 10;
        long smallBytes = total - randomBytes - textBytes;
        int index = 0;
        for (long written = 0; written < randomBytes; index++) {
            int size = (int) Math.min(randomBytes - written, (1 + random.nextInt(40)) << 20);
            byte[] data = new byte[size];
            random.nextBytes(data);
            write(directory.resolve("random/blob" + index + ".bin"), data);
            written += size;
        }
        for (long written = 0; written < textBytes; index++) {
            int size = (int) Math.min(textBytes - written, (1 + random.nextInt(30)) << 20);
            write(directory.resolve("logs/app" + index + ".log"), text(random, size));
            written += size;
        }
        for (long written = 0; written < smallBytes; index++) {
            int size = 1000 + random.nextInt(30_000);
            byte[] data = random.nextBoolean() ? text(random, size) : new byte[size];
            if (data[0] == 0) {
                random.nextBytes(data);
            }
            write(directory.resolve("small/d" + (index % 50) + "/f" + index), data);
            written += size;
        }
    }

    static void change(Path directory) throws IOException {
        Random random = new Random(7);
        long total;
        try (var walk = Files.walk(directory)) {
            total = walk.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        }
        long budget = total / 100;
        long changed = 0;
        try (var walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (changed >= budget * 8 / 10) {
                    break;
                }
                if (random.nextInt(25) != 0) {
                    continue;
                }
                try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
                    byte[] patch = new byte[(int) Math.min(access.length(), 64 << 10)];
                    random.nextBytes(patch);
                    access.seek(random.nextLong(Math.max(1, access.length() - patch.length)));
                    access.write(patch);
                    changed += patch.length;
                }
            }
        }
        Path log = directory.resolve("logs").resolve(Files.list(directory.resolve("logs")).sorted().findFirst()
                .orElseThrow().getFileName());
        byte[] content = Files.readAllBytes(log);
        byte[] inserted = text(random, 100_000);
        try (OutputStream out = Files.newOutputStream(log)) {
            out.write(content, 0, content.length / 2);
            out.write(inserted);
            out.write(content, content.length / 2, content.length - content.length / 2);
        }
        write(directory.resolve("new/added.log"), text(random, (int) Math.max(1, budget - changed - inserted.length)));
    }

    private static byte[] text(Random random, int size) {
        String[] words = {"GET", "POST", "/api/orders", "/api/users", "200", "404", "500", "user=", "latency_ms=",
            "INFO", "WARN", "ERROR", "request", "completed", "session", "db", "query", "cache", "miss", "hit"};
        StringBuilder text = new StringBuilder(size + 100);
        while (text.length() < size) {
            text.append("2024-05-").append(10 + random.nextInt(20)).append('T').append(random.nextInt(24)).append(':')
                    .append(random.nextInt(60)).append(' ');
            for (int i = 0; i < 6; i++) {
                text.append(words[random.nextInt(words.length)]).append(i == 3 ? random.nextInt(100000) : "").append(' ');
            }
            text.append('\n');
        }
        return text.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }
}
