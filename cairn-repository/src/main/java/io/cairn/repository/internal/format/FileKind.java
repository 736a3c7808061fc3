package io.cairn.repository.internal.format;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The kinds of files in a repository and where they live:
 * <pre>
 *   config                 sealed JSON: format version, repository id, chunker and pack settings
 *   keys/&lt;id&gt;             plain JSON: the master key wrapped by one passphrase
 *   data/&lt;2 hex&gt;/&lt;id&gt;      packs of sealed blobs, sharded by the first byte of the id
 *   index/&lt;id&gt;            sealed binary: blob → pack, offset, length
 *   snapshots/&lt;id&gt;        sealed JSON: one snapshot
 *   locks/&lt;id&gt;            sealed JSON: one process's lock
 * </pre>
 * Every id except a lock's is the SHA-256 of the stored bytes, so a file's name also checks it.
 * The associated data given to AES-GCM names the kind, so a file cannot pass as another kind.
 */
public enum FileKind {
    CONFIG("", "cairn-config"),
    KEY("keys/", "cairn-key"),
    DATA("data/", "cairn-pack-header"),
    INDEX("index/", "cairn-index"),
    SNAPSHOT("snapshots/", "cairn-snapshot"),
    LOCK("locks/", "cairn-lock");

    public static final String CONFIG_NAME = "config";

    private final String directory;
    private final byte[] associatedData;

    FileKind(String directory, String associatedData) {
        this.directory = directory;
        this.associatedData = associatedData.getBytes(StandardCharsets.US_ASCII);
    }

    public String directory() {
        return directory;
    }

    public byte[] associatedData() {
        return associatedData.clone();
    }

    public String nameOf(ContentId id) {
        return nameOf(id.hex());
    }

    public String nameOf(String hex) {
        if (this == CONFIG) {
            return CONFIG_NAME;
        }
        return this == DATA ? directory + hex.substring(0, 2) + "/" + hex : directory + hex;
    }

    /** The id in a stored name of this kind, or empty when the name is not one of ours. */
    public Optional<String> idOf(String name) {
        if (!name.startsWith(directory)) {
            return Optional.empty();
        }
        String hex = name.substring(name.lastIndexOf('/') + 1);
        return ContentId.isValid(hex) && name.equals(nameOf(hex)) ? Optional.of(hex) : Optional.empty();
    }
}
