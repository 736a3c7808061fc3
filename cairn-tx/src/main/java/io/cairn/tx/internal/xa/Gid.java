package io.cairn.tx.internal.xa;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Global transaction ids: {@code cairn:<coordinator>:<millis hex>-<random hex>}, e.g.
 * {@code cairn:orders-1:18c3f0a2b11-5f2e9c01a7d3}. The coordinator part lets recovery pick its own
 * branches out of everything a server has prepared (MariaDB's XA RECOVER lists every client's).
 * A branch adds the participant's database id: PostgreSQL's prepared gid is
 * {@code <gid>:<db>}; MariaDB's XA id is gtrid {@code <gid>}, bqual {@code <db>}, format id
 * {@link #FORMAT_ID}. At most 6 + 32 + 1 + 24 = 63 bytes, inside MariaDB's 64-byte gtrid.
 */
public final class Gid {
    /** "CRN1" as a number: the XA format id of every Cairn branch on MariaDB. */
    public static final int FORMAT_ID = 0x43524E31;
    private static final Pattern DB = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern GID = Pattern.compile("cairn:([A-Za-z0-9_-]{1,32}):([0-9a-f]{1,12}-[0-9a-f]{12})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Gid() {
    }

    /** A new gid for {@code coordinator}, time-ordered then random. */
    public static String next(String coordinator, Instant now) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return prefix(coordinator) + Long.toHexString(now.toEpochMilli()) + "-" + HexFormat.of().formatHex(random);
    }

    /** Every gid of {@code coordinator} starts with this. */
    public static String prefix(String coordinator) {
        return "cairn:" + coordinator + ":";
    }

    /** Whether {@code gid} is a Cairn gid of {@code coordinator}. */
    public static boolean belongsTo(String gid, String coordinator) {
        Matcher m = GID.matcher(gid);
        return m.matches() && m.group(1).equals(coordinator);
    }

    /** The time encoded in a gid (when its transaction began). */
    public static Optional<Instant> startedAt(String gid) {
        Matcher m = GID.matcher(gid);
        if (!m.matches()) {
            return Optional.empty();
        }
        String millis = m.group(2).substring(0, m.group(2).indexOf('-'));
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(millis, 16)));
    }

    /** Checks a database id can be part of a branch id (it is quoted into SQL). */
    public static String requireBranchable(String db) {
        if (!DB.matcher(db).matches()) {
            throw new CairnException(ErrorCode.USAGE, "database '" + db + "' cannot take part in a distributed "
                    + "transaction: its id must be 1-64 letters, digits, '-' or '_' (rename it in databases:)");
        }
        return db;
    }

    /** Whether a text could be a gid at all (for user input such as {@code cairn tx resolve GID}). */
    public static boolean isGid(String text) {
        return GID.matcher(text).matches();
    }
}
