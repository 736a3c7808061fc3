package io.cairn.dump.mongodb.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.bson.RawBsonDocument;

/** Reads concatenated BSON documents (the .bson files of a dump), each prefixed by its own length. */
final class BsonDocuments {
    /** MongoDB's document limit is 16 MiB; anything far beyond is damage, not data. */
    private static final int MAX_DOCUMENT = 48 << 20;

    private final InputStream in;
    private final String file;

    BsonDocuments(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    Optional<RawBsonDocument> next() throws IOException {
        byte[] prefix = in.readNBytes(4);
        if (prefix.length == 0) {
            return Optional.empty();
        }
        if (prefix.length < 4) {
            throw new EOFException(file + " ends inside a document length");
        }
        int length = (prefix[0] & 0xff) | (prefix[1] & 0xff) << 8 | (prefix[2] & 0xff) << 16 | (prefix[3] & 0xff) << 24;
        if (length < 5 || length > MAX_DOCUMENT) {
            throw new IOException(file + " holds a document length of " + length + " bytes, which is not BSON");
        }
        byte[] document = new byte[length];
        System.arraycopy(prefix, 0, document, 0, 4);
        int read = in.readNBytes(document, 4, length - 4);
        if (read < length - 4) {
            throw new EOFException(file + " ends inside a document");
        }
        return Optional.of(new RawBsonDocument(document));
    }
}
