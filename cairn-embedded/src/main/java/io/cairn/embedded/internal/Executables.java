package io.cairn.embedded.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds executables on PATH and in well-known directories (sbin is often not on a user's PATH). */
public final class Executables {
    private Executables() {
    }

    /** The first executable named {@code name} on PATH, then in {@code extraDirectories}. */
    public static Optional<Path> find(String name, List<Path> extraDirectories) {
        List<Path> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        directories.addAll(extraDirectories);
        return directories.stream()
                .map(directory -> directory.resolve(name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    /** {@link #find} over PATH, /usr/sbin, /usr/bin, /sbin, /bin. */
    public static Optional<Path> findSystem(String name) {
        return find(name, List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"),
                Path.of("/usr/local/bin"), Path.of("/usr/local/sbin")));
    }
}
