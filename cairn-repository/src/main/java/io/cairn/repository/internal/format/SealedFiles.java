package io.cairn.repository.internal.format;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.crypto.Crypto;
import io.cairn.repository.storage.Storage;

/**
 * Reads and writes whole sealed files (config, index, snapshots, locks). On read the AES-GCM
 * tag is verified and, for content-named kinds, the SHA-256 of the stored bytes must equal the
 * name, so a damaged or swapped file is always an INTEGRITY error naming the file.
 */
public final class SealedFiles {
    private final Storage storage;
    private final Crypto crypto;

    public SealedFiles(Storage storage, Crypto crypto) {
        this.storage = storage;
        this.crypto = crypto;
    }

    /** Seals and stores {@code plaintext} under its content id; returns that id. */
    public ContentId write(FileKind kind, byte[] plaintext) {
        byte[] sealed = seal(kind, plaintext);
        ContentId id = Crypto.fileId(sealed);
        storage.write(kind.nameOf(id), sealed);
        return id;
    }

    /** Seals and stores under a fixed name (config, locks), replacing what is there. */
    public void writeNamed(FileKind kind, String name, byte[] plaintext) {
        storage.write(name, seal(kind, plaintext));
    }

    public byte[] read(FileKind kind, ContentId id) {
        String name = kind.nameOf(id);
        byte[] sealed = storage.read(name);
        byte[] plaintext = open(kind, name, sealed);
        if (!Crypto.fileId(sealed).equals(id)) {
            throw new CairnException(ErrorCode.INTEGRITY, "repository " + storage.describe() + ": " + name
                    + ": content does not match its name; run `cairn check`");
        }
        return plaintext;
    }

    public byte[] readNamed(FileKind kind, String name) {
        return open(kind, name, storage.read(name));
    }

    public byte[] seal(FileKind kind, byte[] plaintext) {
        return crypto.seal(plaintext, 0, plaintext.length, kind.associatedData());
    }

    private byte[] open(FileKind kind, String name, byte[] sealed) {
        return crypto.open(sealed, 0, sealed.length, kind.associatedData(),
                () -> "repository " + storage.describe() + ": " + name);
    }
}
