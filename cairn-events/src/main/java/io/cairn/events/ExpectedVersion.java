package io.cairn.events;

/**
 * What an append expects of its stream: a version ({@link #of}), that the stream does not exist yet
 * ({@link #noStream()}), or nothing ({@link #any()}). Versions count a stream's events from 1.
 */
public record ExpectedVersion(Kind kind, long version) {
    public enum Kind { EXACT, NO_STREAM, ANY }

    public ExpectedVersion {
        if (kind == Kind.EXACT && version < 0) {
            throw new IllegalArgumentException("an expected version is >= 0, got " + version);
        }
    }

    /** The stream's current version must be {@code version} (0 = the stream does not exist yet). */
    public static ExpectedVersion of(long version) {
        return version == 0 ? noStream() : new ExpectedVersion(Kind.EXACT, version);
    }

    public static ExpectedVersion noStream() {
        return new ExpectedVersion(Kind.NO_STREAM, 0);
    }

    public static ExpectedVersion any() {
        return new ExpectedVersion(Kind.ANY, -1);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXACT -> "version " + version;
            case NO_STREAM -> "no stream";
            case ANY -> "any version";
        };
    }
}
