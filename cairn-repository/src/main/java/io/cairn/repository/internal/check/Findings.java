package io.cairn.repository.internal.check;

import io.cairn.repository.CheckProblem;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.DamageAdvice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Problems found by a check, and for each damaged or missing blob the snapshots and files that
 * use it, so one report line per pack says what is lost. Not thread-safe.
 */
final class Findings {
    private static final int MAX_FILES = 100;

    /** A problem under construction: the affected snapshots and files accumulate. */
    private static final class Open {
        final String kind;
        final String resource;
        final String message;
        final Set<String> snapshots = new LinkedHashSet<>();
        final Set<String> files = new LinkedHashSet<>();
        int moreFiles;

        Open(String kind, String resource, String message) {
            this.kind = kind;
            this.resource = resource;
            // the reads that found the damage advise running the check: this is the check
            this.message = DamageAdvice.withoutAdvice(message);
        }

        CheckProblem close() {
            List<String> fileList = new ArrayList<>(files);
            if (moreFiles > 0) {
                fileList.add("… and " + moreFiles + " more");
            }
            return new CheckProblem(kind, resource, message, List.copyOf(snapshots), fileList);
        }
    }

    private final List<Open> errors = new ArrayList<>();
    private final List<Open> warnings = new ArrayList<>();
    private final Map<ContentId, Open> blobProblems = new LinkedHashMap<>();
    private Open missing;

    void error(String kind, String resource, String message) {
        errors.add(new Open(kind, resource, message));
    }

    /** An error concerning a snapshot as a whole (its file or one of its trees). */
    void snapshotError(String kind, String resource, String message, String snapshot, String path) {
        Open open = new Open(kind, resource, message);
        open.snapshots.add(snapshot);
        if (path != null) {
            open.files.add(snapshot + ":" + path);
        }
        errors.add(open);
    }

    void warning(String kind, String resource, String message) {
        warnings.add(new Open(kind, resource, message));
    }

    /** Records that these blobs are unusable for the reason given; they share one problem. */
    void damagedBlobs(Iterable<ContentId> blobs, String kind, String resource, String message) {
        Open open = new Open(kind, resource, message);
        errors.add(open);
        for (ContentId blob : blobs) {
            blobProblems.putIfAbsent(blob, open);
        }
    }

    /** A snapshot uses a blob that no index lists: all such blobs share one problem. */
    void missing(ContentId blob) {
        if (blobProblems.containsKey(blob)) {
            return;
        }
        if (missing == null) {
            missing = new Open("blob", "index/", "blobs used by snapshots are in no index and no pack header; "
                    + "the files listed cannot be restored");
            errors.add(missing);
        }
        blobProblems.put(blob, missing);
    }

    boolean isDamaged(ContentId blob) {
        return blobProblems.containsKey(blob);
    }

    /** A snapshot's file uses a damaged blob: add it to that blob's problem. */
    void affected(ContentId blob, String snapshot, String path) {
        Open open = blobProblems.get(blob);
        open.snapshots.add(snapshot);
        String file = snapshot + ":" + path;
        if (open.files.contains(file)) {
            return;
        }
        if (open.files.size() < MAX_FILES) {
            open.files.add(file);
        } else {
            open.moreFiles++;
        }
    }

    List<CheckProblem> errors() {
        return errors.stream().map(Open::close).toList();
    }

    List<CheckProblem> warnings() {
        return warnings.stream().map(Open::close).toList();
    }
}
