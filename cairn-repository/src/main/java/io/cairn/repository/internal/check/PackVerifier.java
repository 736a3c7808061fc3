package io.cairn.repository.internal.check;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.index.PackRecord;
import io.cairn.repository.internal.pack.PackEntry;
import io.cairn.repository.internal.pack.PackHeaders;
import io.cairn.repository.storage.StoredObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads whole packs and verifies them: SHA-256 against the name, the header, and every blob
 * (tag, decompression, keyed id). A blob counts as damaged only when no pack holds a good copy
 * (concurrent backups may store the same blob twice).
 *
 * <p>Concurrency: {@link #verify} touches no shared state and may run on several threads at
 * once (each holding one pack in memory); its {@link Outcome} is then handed to {@link #apply}
 * on one thread, in a fixed pack order, so findings come out the same however the work was
 * scheduled.
 */
final class PackVerifier {
    private final RepositoryContext context;
    private final Findings findings;
    private final Set<ContentId> good = new HashSet<>();
    private final Map<String, List<ContentId>> badByPack = new LinkedHashMap<>();
    private final Map<String, String> reasonByPack = new LinkedHashMap<>();

    /** What verifying one pack found. */
    record Outcome(String pack, long bytesRead, List<String> packErrors, List<ContentId> good, List<ContentId> bad,
            String firstReason) {
    }

    PackVerifier(RepositoryContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    /** Verifies one pack. Thread-safe. */
    Outcome verify(ContentId id, StoredObject object, PackRecord indexed) {
        String name = object.name();
        String resource = "repository " + context.describe() + ": " + name;
        List<String> errors = new ArrayList<>();
        List<ContentId> goodBlobs = new ArrayList<>();
        List<ContentId> badBlobs = new ArrayList<>();
        String[] reason = new String[1];
        byte[] pack;
        try {
            pack = context.storage().read(name);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return new Outcome(name, 0, errors, goodBlobs, badBlobs, null);
        }
        boolean nameMatches = Crypto.fileId(pack).equals(id);
        List<PackEntry> header = null;
        try {
            header = PackHeaders.parse(id, pack, context.crypto(), resource).entries();
        } catch (CairnException e) {
            if (e.code() != ErrorCode.INTEGRITY) {
                throw e;
            }
            errors.add("pack header is damaged (" + e.getMessage() + ")"
                    + (indexed != null ? "; blobs are read through the index, see the blob findings" : ""));
        }
        if (indexed != null && header != null && !new HashSet<>(header).containsAll(indexed.entries())) {
            errors.add("pack header and index disagree about its blobs");
        }
        List<PackEntry> entries = indexed != null ? indexed.entries() : header != null ? header : List.of();
        for (PackEntry entry : entries) {
            String failure = verifyBlob(pack, entry);
            if (failure == null) {
                goodBlobs.add(entry.id());
            } else {
                badBlobs.add(entry.id());
                reason[0] = reason[0] == null ? failure : reason[0];
            }
        }
        if (!nameMatches && badBlobs.isEmpty() && header != null) {
            errors.add("pack content does not match its name, yet every blob verifies");
        }
        return new Outcome(name, pack.length, errors, goodBlobs, badBlobs, reason[0]);
    }

    /** Records an outcome; call from one thread. */
    void apply(Outcome outcome) {
        outcome.packErrors().forEach(message -> findings.error("pack", outcome.pack(), message));
        good.addAll(outcome.good());
        if (!outcome.bad().isEmpty()) {
            badByPack.computeIfAbsent(outcome.pack(), ignored -> new ArrayList<>()).addAll(outcome.bad());
            reasonByPack.putIfAbsent(outcome.pack(), outcome.firstReason());
        }
    }

    /** Reports blobs that failed in every pack that holds them. */
    void report() {
        for (Map.Entry<String, List<ContentId>> entry : badByPack.entrySet()) {
            List<ContentId> lost = entry.getValue().stream().filter(blob -> !good.contains(blob)).toList();
            if (!lost.isEmpty()) {
                findings.damagedBlobs(lost, "pack", entry.getKey(), lost.size() + " blob(s) fail verification ("
                        + reasonByPack.get(entry.getKey()) + "); the files listed cannot be restored from this "
                        + "snapshot; back them up again, then `cairn prune` removes the damaged pack");
            }
        }
    }

    /** Null when the blob verifies, else why not. */
    private String verifyBlob(byte[] pack, PackEntry entry) {
        if ((long) entry.offset() + entry.length() > pack.length) {
            return "blob extends beyond the end of the pack";
        }
        try {
            context.codec().open(pack, entry.offset(), entry.length(), entry.id(), entry.rawLength(),
                    () -> "blob " + entry.id().shortHex());
            return null;
        } catch (CairnException e) {
            if (e.code() != ErrorCode.INTEGRITY) {
                throw e;
            }
            return e.getMessage();
        }
    }
}
