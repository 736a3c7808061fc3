package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * Cuts every {@code size} bytes from the start of the stream, so chunk {@code k} always covers
 * bytes {@code [k*size, (k+1)*size)}. For files rewritten in place page by page (PostgreSQL
 * relation files, 8 KiB pages) an unchanged run of pages keeps its chunk id; pick a multiple of
 * the page size.
 */
public record FixedChunker(int size) implements Chunker {
    public FixedChunker {
        if (size < 512 || size > InitOptions.MAX_BLOB) {
            throw new CairnException(ErrorCode.CONFIG, "fixed chunk size " + size + " is outside 512 .. 16 MiB");
        }
    }

    /** Chunks of {@code pagesPerChunk} pages of {@code pageSize} bytes. */
    public static FixedChunker pages(int pageSize, int pagesPerChunk) {
        return new FixedChunker(Math.multiplyExact(pageSize, pagesPerChunk));
    }

    @Override
    public int cut(byte[] data, int offset, int length) {
        return Math.min(size, length);
    }

    @Override
    public int maxSize() {
        return size;
    }

    @Override
    public String describe() {
        return "fixed " + size;
    }
}
