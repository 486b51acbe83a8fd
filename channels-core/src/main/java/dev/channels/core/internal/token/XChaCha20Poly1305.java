package dev.channels.core.internal.token;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) on top of the JDK's ChaCha20-Poly1305: an
 * HChaCha20 subkey from the key and the first 16 bytes of the 24-byte nonce, then the IETF
 * AEAD with the nonce {@code 00000000 || nonce[16..24]}. Output is {@code ciphertext || tag}
 * as the JDK writes it. Stateless and thread-safe.
 */
public final class XChaCha20Poly1305 {

    /** Key length in bytes. */
    public static final int KEY_LENGTH = 32;

    /** Extended nonce length in bytes. */
    public static final int NONCE_LENGTH = 24;

    /** Poly1305 tag length in bytes. */
    public static final int TAG_LENGTH = 16;

    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private XChaCha20Poly1305() {
    }

    /**
     * Encrypts and authenticates.
     *
     * @param key 32 bytes
     * @param nonce 24 bytes, never reused with the same key
     * @param aad additional data, authenticated only
     * @param plaintext the message
     * @return {@code ciphertext || tag}
     */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed to encrypt", e);
        }
    }

    /**
     * Authenticates and decrypts.
     *
     * @param key 32 bytes
     * @param nonce 24 bytes
     * @param aad additional data, as given to {@link #seal}
     * @param sealed {@code ciphertext || tag}
     * @return the plaintext
     * @throws AEADBadTagException when the tag does not match (wrong key, nonce, data or aad)
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed)
            throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed to decrypt", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad)
            throws GeneralSecurityException {
        if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20 takes a 32-byte key and a 24-byte"
                    + " nonce");
        }
        byte[] subkey = hChaCha20(key, Arrays.copyOfRange(nonce, 0, 16));
        byte[] ietfNonce = new byte[12];
        System.arraycopy(nonce, 16, ietfNonce, 4, 8);
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(subkey, "ChaCha20"), new IvParameterSpec(ietfNonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    /**
     * HChaCha20: the ChaCha20 state over the key and a 16-byte input, twenty rounds, no
     * final addition; the first and last rows of the result are the subkey.
     *
     * @param key 32 bytes
     * @param input 16 bytes
     * @return the 32-byte subkey
     */
    public static byte[] hChaCha20(byte[] key, byte[] input) {
        int[] state = new int[16];
        System.arraycopy(SIGMA, 0, state, 0, 4);
        for (int i = 0; i < 8; i++) {
            state[4 + i] = littleEndian(key, 4 * i);
        }
        for (int i = 0; i < 4; i++) {
            state[12 + i] = littleEndian(input, 4 * i);
        }
        for (int round = 0; round < 10; round++) {
            quarterRound(state, 0, 4, 8, 12);
            quarterRound(state, 1, 5, 9, 13);
            quarterRound(state, 2, 6, 10, 14);
            quarterRound(state, 3, 7, 11, 15);
            quarterRound(state, 0, 5, 10, 15);
            quarterRound(state, 1, 6, 11, 12);
            quarterRound(state, 2, 7, 8, 13);
            quarterRound(state, 3, 4, 9, 14);
        }
        byte[] subkey = new byte[32];
        for (int i = 0; i < 4; i++) {
            putLittleEndian(subkey, 4 * i, state[i]);
            putLittleEndian(subkey, 16 + 4 * i, state[12 + i]);
        }
        return subkey;
    }

    private static void quarterRound(int[] s, int a, int b, int c, int d) {
        s[a] += s[b];
        s[d] = Integer.rotateLeft(s[d] ^ s[a], 16);
        s[c] += s[d];
        s[b] = Integer.rotateLeft(s[b] ^ s[c], 12);
        s[a] += s[b];
        s[d] = Integer.rotateLeft(s[d] ^ s[a], 8);
        s[c] += s[d];
        s[b] = Integer.rotateLeft(s[b] ^ s[c], 7);
    }

    private static int littleEndian(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8
                | (bytes[offset + 2] & 0xFF) << 16 | (bytes[offset + 3] & 0xFF) << 24;
    }

    private static void putLittleEndian(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
        bytes[offset + 2] = (byte) (value >>> 16);
        bytes[offset + 3] = (byte) (value >>> 24);
    }
}
