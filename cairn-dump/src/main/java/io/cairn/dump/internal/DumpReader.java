package io.cairn.dump.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.dump.DumpEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the files of one dump for a load, enforcing "verify before writing": a file can be
 * streamed to a database only after {@link #verify} read it through and matched its SHA-256
 * with the manifest, or when it is {@link #materialize}d to a local file (which verifies it
 * before any tool reads it). Streams are checked again as they pass, so a repository that
 * changed in between still cannot feed unverified bytes without the reader failing at the end.
 */
public final class DumpReader {
    private final RepositoryGateway gateway;
    private final StoredDump dump;
    private final ProgressReporter progress;
    private final Set<String> verified = new HashSet<>();
    private long bytesVerified;

    public DumpReader(RepositoryGateway gateway, StoredDump dump, ProgressReporter progress) {
        this.gateway = gateway;
        this.dump = dump;
        this.progress = progress;
    }

    public DumpManifest manifest() {
        return dump.manifest();
    }

    public long bytesVerified() {
        return bytesVerified;
    }

    /** Reads every given file through and compares its SHA-256; INTEGRITY on the first mismatch. */
    public void verify(List<DumpEntry> entries) {
        for (DumpEntry entry : entries) {
            progress.item(entry.name());
            DigestingOutputStream digest = new DigestingOutputStream(OutputStream.nullOutputStream(), progress);
            gateway.copy(dump.id(), entry.name(), digest);
            check(entry, digest);
            verified.add(entry.name());
            progress.entryDone();
        }
    }

    /** Writes a verified file to {@code out} (checking it again on the way). */
    public void copyTo(DumpEntry entry, OutputStream out) {
        requireVerified(entry);
        DigestingOutputStream digest = new DigestingOutputStream(out, progress);
        gateway.copy(dump.id(), entry.name(), digest);
        check(entry, digest);
    }

    /**
     * A verified file as a stream, fed by a thread; the stream fails instead of ending if the
     * bytes differ from the manifest. The caller closes it.
     */
    public InputStream open(DumpEntry entry) {
        requireVerified(entry);
        BlockingPipe pipe = new BlockingPipe(8);
        Thread feeder = new Thread(() -> feed(entry, pipe), "cairn-load-" + dump.shortId());
        feeder.setDaemon(true);
        feeder.start();
        return pipe.input();
    }

    private void feed(DumpEntry entry, BlockingPipe pipe) {
        try {
            DigestingOutputStream digest = new DigestingOutputStream(pipe.output(), progress);
            gateway.copy(dump.id(), entry.name(), digest);
            digest.flush();
            check(entry, digest);
            pipe.output().close();
        } catch (CairnException e) {
            pipe.fail(new IOException(e.getMessage(), e));
        } catch (IOException | RuntimeException e) {
            pipe.fail(new IOException("reading " + entry.name() + " of dump " + dump.shortId() + " failed: " + e, e));
        }
    }

    /** Copies a file to {@code target} and verifies it there before anyone reads it. */
    public void materialize(DumpEntry entry, Path target) {
        progress.item(entry.name());
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream file = Files.newOutputStream(target)) {
                DigestingOutputStream digest = new DigestingOutputStream(file, progress);
                gateway.copy(dump.id(), entry.name(), digest);
                check(entry, digest);
            }
        } catch (IOException e) {
            throw new CairnException(ErrorCode.STORAGE, "writing " + entry.name() + " of dump " + dump.shortId()
                    + " to " + target + " failed: " + e.getMessage(), e);
        }
        verified.add(entry.name());
        progress.entryDone();
    }

    private void check(DumpEntry entry, DigestingOutputStream digest) {
        String actual = digest.sha256();
        if (digest.count() != entry.bytes() || !actual.equals(entry.sha256())) {
            throw new CairnException(ErrorCode.INTEGRITY, "dump " + dump.shortId() + ": " + entry.name() + " has "
                    + digest.count() + " bytes with SHA-256 " + actual.substring(0, 16) + "…, but its manifest says "
                    + entry.bytes() + " bytes with " + entry.sha256().substring(0, 16)
                    + "… (the dump is damaged; run 'cairn check --read-data' and load an older dump)");
        }
        if (!verified.contains(entry.name())) {
            bytesVerified += digest.count();
        }
    }

    private void requireVerified(DumpEntry entry) {
        if (!verified.contains(entry.name())) {
            throw new IllegalStateException(entry.name() + " of dump " + dump.shortId() + " was not verified before use");
        }
    }
}
