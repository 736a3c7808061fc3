package io.cairn.repository.internal.pack;

import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;

/**
 * Where one blob sits inside a pack.
 *
 * @param offset    byte offset of the sealed blob in the pack
 * @param length    sealed length (nonce + ciphertext + tag)
 * @param rawLength plaintext length before compression
 */
public record PackEntry(ContentId id, BlobType type, int offset, int length, int rawLength) {
}
