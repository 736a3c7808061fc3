package io.cairn.repository.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.KeyInfo;
import io.cairn.repository.Passphrase;
import io.cairn.repository.internal.crypto.KeyRing;
import io.cairn.repository.internal.format.ContentId;

import java.util.List;

/**
 * Key management on an opened repository. Changing the passphrase writes the new key file
 * (durably) before deleting the old one, so a crash in between leaves two working keys, never
 * none.
 */
public final class KeyOperations {
    private final RepositoryContext context;
    private final KeyRing ring;
    private volatile ContentId current;

    public KeyOperations(RepositoryContext context, ContentId current) {
        this.context = context;
        this.ring = RepositoryOpener.keyRing(context.storage());
        this.current = current;
    }

    public ContentId current() {
        return current;
    }

    public KeyInfo add(Passphrase passphrase, KeyDerivation kdf) {
        ContentId id = ring.add(context.masterKey(), passphrase, kdf, context.clock().instant(),
                context.identity().host(), context.identity().user());
        return list().stream().filter(key -> key.id().equals(id.hex())).findFirst()
                .orElseThrow(() -> new CairnException(ErrorCode.STORAGE, "repository " + context.describe()
                        + ": the new key " + id.shortHex() + " cannot be read back"));
    }

    public List<KeyInfo> list() {
        return ring.list().stream().map(entry -> new KeyInfo(entry.id().hex(), entry.id().shortHex(),
                entry.file().host(), entry.file().user(), entry.file().created(), entry.file().kdf(),
                entry.id().equals(current))).toList();
    }

    public KeyInfo remove(String reference) {
        List<KeyInfo> keys = list();
        List<KeyInfo> matches = keys.stream().filter(key -> key.id().startsWith(reference)).toList();
        if (reference.length() < 4 || matches.isEmpty()) {
            throw new CairnException(ErrorCode.NOT_FOUND, "repository " + context.describe() + ": no key '" + reference
                    + "'; list keys with `cairn key list`");
        }
        if (matches.size() > 1) {
            throw new CairnException(ErrorCode.USAGE, "key prefix " + reference + " is ambiguous; give more digits");
        }
        KeyInfo key = matches.get(0);
        if (key.current()) {
            throw new CairnException(ErrorCode.PRECONDITION, "key " + key.shortId()
                    + " is the one in use; open the repository with another key to remove it, or use `cairn key passwd`");
        }
        if (keys.size() == 1) {
            throw new CairnException(ErrorCode.PRECONDITION, "key " + key.shortId()
                    + " is the last key; removing it would make the repository unreadable");
        }
        ring.remove(ContentId.parse(key.id()));
        return key;
    }

    public synchronized KeyInfo changePassphrase(Passphrase passphrase, KeyDerivation kdf) {
        ContentId old = current;
        KeyInfo added = add(passphrase, kdf);
        current = ContentId.parse(added.id());
        ring.remove(old);
        return new KeyInfo(added.id(), added.shortId(), added.host(), added.user(), added.created(), added.kdf(), true);
    }
}
