package io.cairn.dump.internal;

import io.cairn.repository.Chunker;
import io.cairn.repository.Repository;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The content-defined chunker for dump files: FastCDC (normalized, level 2, as the repository's
 * own) with smaller chunks, 16 KiB / 64 KiB / 512 KiB. Measured with bench/dump-vs-pgdump.sh
 * (a 81 MiB dump changing ~1% a day): each later day added 2.6 MiB with the repository's
 * 1 MiB chunks, 1.2 MiB with 128 KiB and 1.1 MiB with 32 KiB chunks, because a dump spreads
 * a day's changed rows over the whole file and a smaller chunk rewrites less around each.
 *
 * <p>The gear table must stay secret (chunk boundaries would otherwise fingerprint known
 * content) and must be the same for every dump into one repository (or nothing would dedup).
 * The repository API offers its own chunker but not its secret seed, so the seed is derived
 * from it: the repository's chunker cuts a fixed public pseudo-random stream, and the cut
 * positions, which depend on its secret gear table, are hashed into this chunker's seed.
 * Deterministic per repository, unpredictable without its key.
 */
public final class DumpChunker implements Chunker {
    static final int MIN = 16 << 10;
    static final int AVERAGE = 64 << 10;
    static final int MAX = 512 << 10;
    private static final int PROBE_CUTS = 32;
    private static final long PROBE_LIMIT = 256L << 20;

    private final long[] gear;
    private final long hardMask;
    private final long easyMask;

    DumpChunker(byte[] seed) {
        this.gear = gearTable(seed);
        int bits = Integer.numberOfTrailingZeros(AVERAGE);
        this.hardMask = -1L << (64 - (bits + 2));
        this.easyMask = -1L << (64 - (bits - 2));
    }

    /** The dump chunker of a repository (derives its seed from the repository's chunker, see above). */
    public static Chunker forRepository(Repository repository) {
        return new DumpChunker(seedFrom(repository.contentDefinedChunker()));
    }

    @Override
    public int cut(byte[] data, int offset, int length) {
        int end = Math.min(length, MAX);
        if (end <= MIN) {
            return end;
        }
        int normal = Math.min(end, AVERAGE);
        long hash = 0;
        int i = MIN;
        for (; i < normal; i++) {
            hash = (hash << 1) + gear[data[offset + i] & 0xff];
            if ((hash & hardMask) == 0) {
                return i + 1;
            }
        }
        for (; i < end; i++) {
            hash = (hash << 1) + gear[data[offset + i] & 0xff];
            if ((hash & easyMask) == 0) {
                return i + 1;
            }
        }
        return end;
    }

    @Override
    public int maxSize() {
        return MAX;
    }

    @Override
    public String describe() {
        return "fastcdc 16KiB/64KiB/512KiB (dump)";
    }

    /** SHA-256 over the lengths of the first cuts the repository's chunker makes in a fixed stream. */
    static byte[] seedFrom(Chunker secret) {
        MessageDigest digest = Sha256.newDigest();
        digest.update("cairn-dump-gear-v1".getBytes(StandardCharsets.US_ASCII));
        Random stream = new Random(0x6361697264756d70L);
        int window = Math.max(2 * secret.maxSize(), 1 << 20);
        byte[] buffer = new byte[window];
        stream.nextBytes(buffer);
        int position = 0;
        long consumed = 0;
        for (int cuts = 0; cuts < PROBE_CUTS && consumed < PROBE_LIMIT; cuts++) {
            if (window - position < secret.maxSize()) {
                System.arraycopy(buffer, position, buffer, 0, window - position);
                byte[] fresh = new byte[position];
                stream.nextBytes(fresh);
                System.arraycopy(fresh, 0, buffer, window - position, position);
                position = 0;
            }
            int cut = secret.cut(buffer, position, window - position);
            digest.update(ByteBuffer.allocate(4).putInt(cut).array());
            position += cut;
            consumed += cut;
        }
        return digest.digest();
    }

    /** gear[i] = first 8 bytes of HMAC-SHA256(seed, "cairn-gear" || i), the repository's construction. */
    private static long[] gearTable(byte[] seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            long[] table = new long[256];
            byte[] label = "cairn-gear".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < table.length; i++) {
                mac.update(label);
                mac.update((byte) i);
                table[i] = ByteBuffer.wrap(mac.doFinal()).getLong();
            }
            return table;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
