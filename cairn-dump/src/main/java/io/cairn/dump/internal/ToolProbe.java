package io.cairn.dump.internal;

import io.cairn.dump.ToolVersion;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks an installed client program for its version ({@code --version}) and reads the answer. */
public final class ToolProbe {
    private static final Pattern NUMBER = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    private ToolProbe() {
    }

    /** Reads the first version number after {@code marker} (or anywhere, if none) in a --version line. */
    public static Optional<ToolVersion> parse(Path path, String output, String marker) {
        int from = marker.isEmpty() ? 0 : output.indexOf(marker);
        if (from < 0) {
            return Optional.empty();
        }
        Matcher matcher = NUMBER.matcher(output);
        if (!matcher.find(from + marker.length())) {
            return Optional.empty();
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        return Optional.of(new ToolVersion(path, path.getFileName().toString(), major, minor, matcher.group()));
    }

    /** Runs {@code path --version} and parses its output; empty when it cannot run. */
    public static Optional<ToolVersion> probe(Path path, String marker) {
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                return Optional.empty();
            }
            return parse(path, output, marker);
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
