package io.cairn.dump.internal;

import io.cairn.repository.Chunker;
import io.cairn.repository.Repository;

/** Which chunker cuts dump files into blobs. */
public final class DumpChunker {
    private DumpChunker() {
    }

    /** The repository's content-defined chunker (FastCDC seeded by the repository's secret). */
    public static Chunker forRepository(Repository repository) {
        return repository.contentDefinedChunker();
    }
}
