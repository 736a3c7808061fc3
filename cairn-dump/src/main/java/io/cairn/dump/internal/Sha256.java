package io.cairn.dump.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 digests, as the checksums of dumps use them. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * The checksum of a whole dump: the file's own SHA-256 when there is one file (so it can be
     * compared with {@code sha256sum} of the same dump), else the SHA-256 of the list of
     * {@code <sha256>  <name>} lines, in order (what {@code sha256sum} prints).
     */
    public static String ofEntries(List<io.cairn.dump.DumpEntry> entries) {
        if (entries.size() == 1) {
            return entries.get(0).sha256();
        }
        MessageDigest digest = newDigest();
        for (io.cairn.dump.DumpEntry entry : entries) {
            digest.update((entry.sha256() + "  " + entry.name() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return hex(digest.digest());
    }
}
