package io.cairn.repository.internal.prune;

import io.cairn.repository.internal.ProgressTracker;
import io.cairn.repository.internal.RepositoryContext;
import io.cairn.repository.internal.pack.PackEntry;
import io.cairn.repository.internal.pack.PackWriter;

import java.util.Arrays;

/**
 * Copies the used blobs of a partly used pack into new packs. Each blob is verified (tag and
 * id) before it is copied, so repacking never spreads damage; the sealed bytes are copied as
 * they are, which is cheaper than re-encrypting and just as safe (nonces stay unique).
 */
final class Repacker {
    private final RepositoryContext context;
    private final PackWriter writer;
    private final ProgressTracker progress;

    Repacker(RepositoryContext context, PackWriter writer, ProgressTracker progress) {
        this.context = context;
        this.writer = writer;
        this.progress = progress;
    }

    void copyUsedBlobs(PackUsage pack) {
        progress.item(pack.object.name());
        byte[] content = context.storage().read(pack.object.name());
        String resource = "repository " + context.describe() + ": " + pack.object.name();
        for (PackEntry entry : pack.used) {
            context.codec().open(content, entry.offset(), entry.length(), entry.id(), entry.rawLength(),
                    () -> resource + " blob " + entry.id().shortHex());
            byte[] sealed = Arrays.copyOfRange(content, entry.offset(), entry.offset() + entry.length());
            writer.add(entry.type(), entry.id(), sealed, entry.rawLength());
        }
        progress.bytes(content.length);
        progress.fileDone();
    }
}
