package io.cairn.repository.internal.crypto;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.KeyDerivation;
import io.cairn.repository.Passphrase;
import io.cairn.repository.internal.format.ContentId;
import io.cairn.repository.internal.format.FileKind;
import io.cairn.repository.internal.format.Json;
import io.cairn.repository.storage.Storage;
import io.cairn.repository.storage.StoredObject;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The key files in {@code keys/}. Adding a key writes a new file (durable before anything
 * refers to it); removing deletes one. Data is never re-encrypted: every key wraps the same
 * master key.
 */
public final class KeyRing {
    private final Storage storage;
    private final KeyWrapper wrapper;

    /** A key file and its id. */
    public record Entry(ContentId id, KeyFile file) {
    }

    /** The result of opening the ring with a passphrase. */
    public record Opened(ContentId keyId, MasterKey masterKey) {
    }

    public KeyRing(Storage storage, SecureRandom random) {
        this.storage = storage;
        this.wrapper = new KeyWrapper(random);
    }

    public ContentId add(MasterKey master, Passphrase passphrase, KeyDerivation kdf, Instant created, String host,
            String user) {
        byte[] content = Json.write(wrapper.wrap(master, passphrase, kdf, created, host, user));
        ContentId id = Crypto.fileId(content);
        storage.write(FileKind.KEY.nameOf(id), content);
        return id;
    }

    /** Tries every key file, newest first; WRONG_KEY when none opens. */
    public Opened open(Passphrase passphrase) {
        List<Entry> entries = list();
        for (Entry entry : entries) {
            Optional<MasterKey> master = wrapper.unwrap(entry.file(), passphrase);
            if (master.isPresent()) {
                return new Opened(entry.id(), master.get());
            }
        }
        throw new CairnException(ErrorCode.WRONG_KEY, "repository " + storage.describe()
                + ": wrong passphrase (no key in keys/ matches; " + entries.size() + " key(s) tried); check "
                + Passphrase.ENVIRONMENT_VARIABLE + ", the password file or the prompt input");
    }

    /** All parseable key files, newest first; damaged or vanished ones are skipped. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (StoredObject object : storage.list(FileKind.KEY.directory())) {
            Optional<String> hex = FileKind.KEY.idOf(object.name());
            if (hex.isEmpty()) {
                continue;
            }
            try {
                byte[] content = storage.read(object.name());
                entries.add(new Entry(ContentId.parse(hex.get()), Json.read(content, KeyFile.class, object.name())));
            } catch (CairnException e) {
                if (e.code() != ErrorCode.INTEGRITY && e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        entries.sort(Comparator.comparing((Entry entry) -> entry.file().created()).reversed());
        return entries;
    }

    public boolean remove(ContentId id) {
        return storage.delete(FileKind.KEY.nameOf(id));
    }
}
