package io.cairn.repository.internal.crypto;

import io.cairn.repository.internal.format.DamageAdvice;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.repository.internal.format.ContentId;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sealing and content ids with one master key. A sealed message is
 * {@code nonce(12) || AES-256-GCM ciphertext || tag(16)} with a fresh random nonce per message
 * (random 96-bit nonces stay safe for far more messages than a repository holds per key:
 * NIST's bound is 2^32). Content ids are HMAC-SHA256 of the plaintext under a separate id key,
 * so ids reveal nothing about content to someone without the key.
 *
 * <p>Thread-safe: ciphers and MACs are per thread, because both are stateful and costly to build.
 *
 * <p>Performance: the JDK 17 AES-GCM code runs whole heap arrays of a megabyte through a path the
 * JIT never compiles with its AES/GHASH intrinsics (measured: ~90 MB/s), while direct buffers are
 * processed in small pieces that get compiled within a few calls (~3 GB/s here). So data is
 * staged through per-thread direct buffers ({@link DirectBuffers}); the copies cost little.
 */
public final class Crypto {
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    public static final int OVERHEAD = NONCE_LENGTH + TAG_LENGTH;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec idKey;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Crypto::newCipher);
    private final ThreadLocal<Mac> macs;

    public Crypto(MasterKey key) {
        this.encryptionKey = new SecretKeySpec(key.encryptionKey(), "AES");
        this.idKey = new SecretKeySpec(key.idKey(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Encrypts with a fresh nonce; the associated data binds the message to its purpose. */
    public byte[] seal(byte[] plaintext, int offset, int length, byte[] associatedData) {
        return seal(encryptionKey, random, ciphers.get(), plaintext, offset, length, associatedData);
    }

    /**
     * Decrypts and verifies the tag. A failure throws INTEGRITY naming {@code resource} (computed
     * only on failure, so callers can build it lazily).
     */
    public byte[] open(byte[] sealed, int offset, int length, byte[] associatedData, Supplier<String> resource) {
        return open(encryptionKey, ciphers.get(), sealed, offset, length, associatedData, resource);
    }

    /**
     * Like {@link #open}, but leaves the plaintext in this thread's direct output buffer instead
     * of copying it to a new array: the returned buffer (position 0, limit the plaintext length)
     * is valid until the next seal or open on this thread. Restore uses it to write blobs to
     * files without two heap copies per blob.
     */
    public ByteBuffer openToBuffer(byte[] sealed, int offset, int length, byte[] associatedData,
            Supplier<String> resource) {
        return openDirect(encryptionKey, ciphers.get(), sealed, offset, length, associatedData, resource);
    }

    /** The keyed id of the bytes between position and limit of {@code data} (which is not moved). */
    public ContentId contentId(ByteBuffer data) {
        Mac mac = macs.get();
        mac.update(data.duplicate());
        return ContentId.of(mac.doFinal());
    }

    /** The keyed id of a blob's plaintext. */
    public ContentId contentId(byte[] data, int offset, int length) {
        Mac mac = macs.get();
        mac.update(data, offset, length);
        return ContentId.of(mac.doFinal());
    }

    /** The unkeyed SHA-256 of a stored file: the name of packs, indexes, snapshots and keys. */
    public static ContentId fileId(byte[] content) {
        try {
            return ContentId.of(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static byte[] seal(SecretKeySpec key, SecureRandom random, Cipher cipher, byte[] plaintext, int offset,
            int length, byte[] associatedData) {
        byte[] out = new byte[NONCE_LENGTH + length + TAG_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            DirectBuffers buffers = DirectBuffers.current();
            ByteBuffer input = buffers.input(length).put(plaintext, offset, length).flip();
            ByteBuffer output = buffers.output(length + TAG_LENGTH);
            int written = cipher.doFinal(input, output);
            if (written != length + TAG_LENGTH) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected " + (length + TAG_LENGTH));
            }
            output.flip().get(out, NONCE_LENGTH, written);
            return out;
        } catch (GeneralSecurityException e) {
            throw new CairnException(ErrorCode.INTERNAL, "AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    static byte[] open(SecretKeySpec key, Cipher cipher, byte[] sealed, int offset, int length,
            byte[] associatedData, Supplier<String> resource) {
        ByteBuffer output = openDirect(key, cipher, sealed, offset, length, associatedData, resource);
        byte[] plaintext = new byte[output.remaining()];
        output.get(plaintext);
        return plaintext;
    }

    private static ByteBuffer openDirect(SecretKeySpec key, Cipher cipher, byte[] sealed, int offset, int length,
            byte[] associatedData, Supplier<String> resource) {
        if (length < OVERHEAD) {
            throw new CairnException(ErrorCode.INTEGRITY, resource.get() + ": encrypted data is truncated ("
                    + length + " bytes)" + DamageAdvice.RUN_CHECK);
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, sealed, offset, NONCE_LENGTH));
            cipher.updateAAD(associatedData);
            DirectBuffers buffers = DirectBuffers.current();
            int cipherLength = length - NONCE_LENGTH;
            ByteBuffer input = buffers.input(cipherLength).put(sealed, offset + NONCE_LENGTH, cipherLength).flip();
            ByteBuffer output = buffers.output(cipherLength);
            cipher.doFinal(input, output);
            return output.flip();
        } catch (AEADBadTagException e) {
            throw new CairnException(ErrorCode.INTEGRITY, resource.get()
                    + ": authentication tag mismatch, the data was modified or damaged" + DamageAdvice.RUN_CHECK, e);
        } catch (GeneralSecurityException e) {
            throw new CairnException(ErrorCode.INTERNAL, "AES-GCM decryption failed: " + e.getMessage(), e);
        }
    }

    static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM", e);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(idKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
