package io.cairn.dump.internal;

import io.cairn.repository.Chunker;
import io.cairn.repository.Repository;

/**
 * The chunk sizes for dump files: the repository's own FastCDC (secret gear table, normalized)
 * with smaller chunks, 16 KiB / 64 KiB / 512 KiB. Measured with bench/dump-vs-pgdump.sh (a 81 MiB
 * dump changing ~1% a day): each later day added 2.6 MiB with the repository's 1 MiB chunks,
 * 1.2 MiB with 128 KiB and 1.1 MiB with 32 KiB chunks, because a dump spreads a day's changed
 * rows over the whole file and a smaller chunk rewrites less around each.
 */
public final class DumpChunker {
    static final int MIN = 16 << 10;
    static final int AVERAGE = 64 << 10;
    static final int MAX = 512 << 10;

    private DumpChunker() {
    }

    /** The dump chunker of a repository: the same for every dump into it, so daily dumps dedup. */
    public static Chunker forRepository(Repository repository) {
        return repository.contentDefinedChunker(MIN, AVERAGE, MAX);
    }
}
