package io.cairn.repository;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;

/**
 * Settings fixed when a repository is created; they are stored (sealed) in its {@code config}.
 *
 * <p>Chunk sizes: 512 KiB / 1 MiB / 8 MiB (min / average / max) by default, as restic. Measured on
 * this project's bench (docs/repository.md): smaller averages dedup a 1% scattered change
 * slightly better but multiply index entries and per-blob overhead; 1 MiB keeps the index of a
 * 1 TB repository near a million entries. Packs target 16 MiB: few objects on S3, and a repack
 * rewrites little.
 *
 * @param keyDerivation    costs for the first key
 * @param compressionLevel zstd level 1..19 (default 3), or 0 to store blobs uncompressed
 * @param packSize         target pack size in bytes (1 MiB .. 128 MiB)
 * @param minChunk         FastCDC minimum chunk size in bytes
 * @param averageChunk     FastCDC normal chunk size, a power of two
 * @param maxChunk         FastCDC maximum chunk size (at most 16 MiB)
 */
public record InitOptions(KeyDerivation keyDerivation, int compressionLevel, int packSize, int minChunk,
        int averageChunk, int maxChunk) {
    public static final int MAX_BLOB = 16 << 20;

    public InitOptions {
        if (keyDerivation == null) {
            throw new CairnException(ErrorCode.CONFIG, "repository init: key derivation is missing");
        }
        checkCompressionLevel(compressionLevel);
        if (packSize < (1 << 20) || packSize > (128 << 20)) {
            throw new CairnException(ErrorCode.CONFIG, "repository init: pack size " + packSize
                    + " is outside 1 MiB .. 128 MiB");
        }
        if (minChunk < 4096 || minChunk >= averageChunk || averageChunk >= maxChunk || maxChunk > MAX_BLOB
                || Integer.bitCount(averageChunk) != 1) {
            throw new CairnException(ErrorCode.CONFIG, "repository init: chunk sizes " + minChunk + "/" + averageChunk
                    + "/" + maxChunk + " must satisfy 4096 <= min < average < max <= 16 MiB, average a power of two");
        }
    }

    public static InitOptions defaults() {
        return new InitOptions(KeyDerivation.defaults(), 3, 16 << 20, 512 << 10, 1 << 20, 8 << 20);
    }

    public InitOptions withKeyDerivation(KeyDerivation value) {
        return new InitOptions(value, compressionLevel, packSize, minChunk, averageChunk, maxChunk);
    }

    public InitOptions withCompressionLevel(int value) {
        return new InitOptions(keyDerivation, value, packSize, minChunk, averageChunk, maxChunk);
    }

    public InitOptions withPackSize(int value) {
        return new InitOptions(keyDerivation, compressionLevel, value, minChunk, averageChunk, maxChunk);
    }

    public InitOptions withChunkSizes(int min, int average, int max) {
        return new InitOptions(keyDerivation, compressionLevel, packSize, min, average, max);
    }

    static void checkCompressionLevel(int level) {
        if (level < 0 || level > 19) {
            throw new CairnException(ErrorCode.CONFIG, "zstd compression level " + level
                    + " is outside 0..19 (0 = store uncompressed, default 3)");
        }
    }
}
