package io.cairn.repository.internal.format;

/** What a blob holds; stored as one byte in pack headers and index files. */
public enum BlobType {
    /** A chunk of file or stream content. */
    DATA(0),
    /** A directory listing (JSON), see {@code Tree}. */
    TREE(1);

    private final int code;

    BlobType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BlobType of(int code) {
        for (BlobType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown blob type " + code);
    }
}
