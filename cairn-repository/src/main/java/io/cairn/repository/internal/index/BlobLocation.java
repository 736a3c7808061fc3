package io.cairn.repository.internal.index;

import io.cairn.repository.internal.format.BlobType;
import io.cairn.repository.internal.format.ContentId;

/** Where a blob is stored: which pack, at which offset, how long sealed and raw. */
public record BlobLocation(ContentId pack, BlobType type, int offset, int length, int rawLength) {
}
