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
 * (concurrent backups may store the same blob twice). Holds one pack in memory at a time.
 */
final class PackVerifier {
    private final RepositoryContext context;
    private final Findings findings;
    private final Set<ContentId> good = new HashSet<>();
    private final Map<String, List<ContentId>> badByPack = new LinkedHashMap<>();
    private final Map<String, String> reasonByPack = new LinkedHashMap<>();

    PackVerifier(RepositoryContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    /** Verifies one pack; returns the bytes read. */
    long verify(ContentId id, StoredObject object, PackRecord indexed) {
        String name = object.name();
        String resource = "repository " + context.describe() + ": " + name;
        byte[] pack;
        try {
            pack = context.storage().read(name);
        } catch (CairnException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return 0;
        }
        boolean nameMatches = Crypto.fileId(pack).equals(id);
        List<PackEntry> header = null;
        try {
            header = PackHeaders.parse(id, pack, context.crypto(), resource).entries();
        } catch (CairnException e) {
            if (e.code() != ErrorCode.INTEGRITY) {
                throw e;
            }
            findings.error("pack", name, "pack header is damaged (" + e.getMessage() + ")"
                    + (indexed != null ? "; blobs are read through the index, see the blob findings" : ""));
        }
        if (indexed != null && header != null && !new HashSet<>(header).containsAll(indexed.entries())) {
            findings.error("pack", name, "pack header and index disagree about its blobs");
        }
        List<PackEntry> entries = indexed != null ? indexed.entries() : header != null ? header : List.of();
        int damaged = 0;
        for (PackEntry entry : entries) {
            if (verifyBlob(pack, entry, name)) {
                good.add(entry.id());
            } else {
                damaged++;
            }
        }
        if (!nameMatches && damaged == 0 && header != null) {
            findings.error("pack", name, "pack content does not match its name, yet every blob verifies");
        }
        return pack.length;
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

    private boolean verifyBlob(byte[] pack, PackEntry entry, String name) {
        if ((long) entry.offset() + entry.length() > pack.length) {
            record(name, entry.id(), "blob extends beyond the end of the pack");
            return false;
        }
        try {
            context.codec().open(pack, entry.offset(), entry.length(), entry.id(), entry.rawLength(),
                    () -> "blob " + entry.id().shortHex());
            return true;
        } catch (CairnException e) {
            if (e.code() != ErrorCode.INTEGRITY) {
                throw e;
            }
            record(name, entry.id(), e.getMessage());
            return false;
        }
    }

    private void record(String pack, ContentId blob, String reason) {
        badByPack.computeIfAbsent(pack, ignored -> new ArrayList<>()).add(blob);
        reasonByPack.putIfAbsent(pack, reason);
    }
}
