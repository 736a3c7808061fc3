package io.cairn.repository.internal;

import io.cairn.repository.Chunker;
import io.cairn.repository.RepositoryOptions;
import io.cairn.repository.internal.chunk.FastCdcChunker;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.crypto.MasterKey;
import io.cairn.repository.internal.format.ConfigFile;
import io.cairn.repository.internal.format.SealedFiles;
import io.cairn.repository.internal.index.BlobReader;
import io.cairn.repository.internal.index.IndexStore;
import io.cairn.repository.internal.pack.BlobCodec;
import io.cairn.repository.storage.Storage;

import java.time.Clock;

/**
 * Everything an operation on an opened repository needs: storage, keys, settings, the index.
 * Built once by {@code Repository.open}; immutable apart from the index cache it holds.
 */
public final class RepositoryContext {
    private final byte[] chunkerSeed;
    private final Storage storage;
    private final Crypto crypto;
    private final ConfigFile config;
    private final RepositoryOptions options;
    private final Identity identity;
    private final SealedFiles files;
    private final BlobCodec codec;
    private final IndexStore indexStore;
    private final Chunker chunker;
    private final MasterKey masterKey;

    public RepositoryContext(Storage storage, MasterKey key, ConfigFile config, RepositoryOptions options, Identity identity) {
        this.storage = storage;
        this.masterKey = key;
        this.crypto = new Crypto(key);
        this.config = config;
        this.options = options;
        this.identity = identity;
        this.files = new SealedFiles(storage, crypto);
        this.codec = new BlobCodec(crypto, config.compressionLevel());
        this.indexStore = new IndexStore(storage, files);
        this.chunker = new FastCdcChunker(key.chunkerSeed(), config.minChunk(), config.averageChunk(), config.maxChunk());
        this.chunkerSeed = key.chunkerSeed();
    }

    /** FastCDC with this repository's secret gear table but other sizes (e.g. smaller chunks for dumps). */
    public FastCdcChunker chunker(int min, int average, int max) {
        return new FastCdcChunker(chunkerSeed, min, average, max);
    }

    public Storage storage() {
        return storage;
    }

    public String describe() {
        return storage.describe();
    }

    public Crypto crypto() {
        return crypto;
    }

    public ConfigFile config() {
        return config;
    }

    public RepositoryOptions options() {
        return options;
    }

    public Clock clock() {
        return options.clock();
    }

    public Identity identity() {
        return identity;
    }

    public SealedFiles files() {
        return files;
    }

    public BlobCodec codec() {
        return codec;
    }

    public IndexStore indexStore() {
        return indexStore;
    }

    /** A reader over the index as last refreshed. */
    public BlobReader blobReader() {
        return new BlobReader(storage, codec, indexStore.index());
    }

    /** For wrapping under a new passphrase only. */
    public MasterKey masterKey() {
        return masterKey;
    }

    public Chunker chunker() {
        return chunker;
    }
}
