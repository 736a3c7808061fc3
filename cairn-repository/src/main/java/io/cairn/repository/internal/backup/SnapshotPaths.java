package io.cairn.repository.internal.backup;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/** Splits and checks snapshot paths: '/'-separated, no empty, "." or ".." segments. */
public final class SnapshotPaths {
    private SnapshotPaths() {
    }

    public static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new CairnException(ErrorCode.USAGE, "snapshot path '" + path + "' contains '" + segment + "'");
            }
            segments.add(segment);
        }
        return segments;
    }

    public static String join(List<String> segments) {
        return "/" + String.join("/", segments);
    }
}
