package io.cairn.repository.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.InitOptions;
import io.cairn.repository.Passphrase;
import io.cairn.repository.RepositoryOptions;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.internal.crypto.KeyRing;
import io.cairn.repository.internal.crypto.MasterKey;
import io.cairn.repository.internal.format.ConfigFile;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.internal.format.SealedFiles;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.storage.Storage;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Creates and opens repositories. Init writes the first key, then the config; the config is
 * the marker that the repository exists, so an init killed half-way leaves no repository (only
 * a key file, and a second init refuses the non-empty location until it is removed).
 */
public final class RepositoryOpener {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The opened state: context plus the id of the key that opened it. */
    public record Opened(RepositoryContext context, ContentId keyId) {
    }

    private RepositoryOpener() {
    }

    public static Opened init(Storage storage, Passphrase passphrase, InitOptions options, RepositoryOptions runtime) {
        if (storage.exists(FileKind.CONFIG_NAME)) {
            throw new CairnException(ErrorCode.PRECONDITION, "repository " + storage.describe()
                    + " already exists; open it, or choose another location");
        }
        if (!storage.list(FileKind.KEY.directory()).isEmpty() || !storage.list(FileKind.DATA.directory()).isEmpty()) {
            throw new CairnException(ErrorCode.PRECONDITION, "repository location " + storage.describe()
                    + " has keys/ or data/ but no config (an interrupted init?); empty it or choose another location");
        }
        Identity identity = Identity.current();
        Instant now = runtime.clock().instant();
        MasterKey master = MasterKey.generate(RANDOM);
        ContentId keyId = new KeyRing(storage, RANDOM).add(master, passphrase, options.keyDerivation(), now,
                identity.host(), identity.user());
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        ConfigFile config = new ConfigFile(ConfigFile.VERSION, HexFormat.of().formatHex(id), now,
                options.compressionLevel(), options.packSize(), options.minChunk(), options.averageChunk(),
                options.maxChunk());
        new SealedFiles(storage, new Crypto(master)).writeNamed(FileKind.CONFIG, FileKind.CONFIG_NAME, Json.write(config));
        return new Opened(new RepositoryContext(storage, master, config, runtime, identity), keyId);
    }

    public static Opened open(Storage storage, Passphrase passphrase, RepositoryOptions runtime) {
        if (!storage.exists(FileKind.CONFIG_NAME)) {
            throw new CairnException(ErrorCode.NOT_FOUND, "no repository at " + storage.describe()
                    + " (no config file); create one with `cairn repo init`");
        }
        KeyRing.Opened key = new KeyRing(storage, RANDOM).open(passphrase);
        SealedFiles files = new SealedFiles(storage, new Crypto(key.masterKey()));
        ConfigFile config = Json.read(files.readNamed(FileKind.CONFIG, FileKind.CONFIG_NAME), ConfigFile.class,
                "repository " + storage.describe() + ": config");
        if (config.version() != ConfigFile.VERSION) {
            throw new CairnException(ErrorCode.PRECONDITION, "repository " + storage.describe() + " has format version "
                    + config.version() + "; this Cairn reads version " + ConfigFile.VERSION + ", upgrade Cairn");
        }
        return new Opened(new RepositoryContext(storage, key.masterKey(), config, runtime, Identity.current()), key.keyId());
    }

    public static KeyRing keyRing(Storage storage) {
        return new KeyRing(storage, RANDOM);
    }
}
