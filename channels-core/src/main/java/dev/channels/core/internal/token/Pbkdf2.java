package dev.channels.core.internal.token;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 (RFC 8018, section 5.2) over an HMAC from {@link Mac}. Written out instead of using
 * {@code SecretKeyFactory} because that one takes the password as characters and refuses an
 * empty salt, while Phoenix takes any bytes for both. Stateless and thread-safe.
 */
public final class Pbkdf2 {

    private Pbkdf2() {
    }

    /**
     * Derives a key.
     *
     * @param macAlgorithm a JDK HMAC name: {@code HmacSHA256}, {@code HmacSHA384} or
     *     {@code HmacSHA512}
     * @param password the password bytes, not empty
     * @param salt the salt bytes, possibly empty
     * @param iterations at least 1
     * @param length the key length in bytes, at least 1
     * @return a new array of {@code length} bytes
     * @throws IllegalArgumentException when an argument is out of range
     * @throws IllegalStateException when the JDK lacks the HMAC algorithm
     */
    public static byte[] derive(String macAlgorithm, byte[] password, byte[] salt,
            int iterations, int length) {
        if (iterations < 1 || length < 1 || password.length == 0) {
            throw new IllegalArgumentException("PBKDF2 needs a password, iterations >= 1 and"
                    + " length >= 1");
        }
        Mac mac = hmac(macAlgorithm, password);
        int blockLength = mac.getMacLength();
        byte[] key = new byte[length];
        int blocks = (length + blockLength - 1) / blockLength;
        for (int index = 1; index <= blocks; index++) {
            byte[] block = block(mac, salt, iterations, index);
            int offset = (index - 1) * blockLength;
            System.arraycopy(block, 0, key, offset, Math.min(blockLength, length - offset));
        }
        return key;
    }

    private static byte[] block(Mac mac, byte[] salt, int iterations, int index) {
        mac.update(salt);
        mac.update((byte) (index >>> 24));
        mac.update((byte) (index >>> 16));
        mac.update((byte) (index >>> 8));
        mac.update((byte) index);
        byte[] u = mac.doFinal();
        byte[] block = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < block.length; j++) {
                block[j] ^= u[j];
            }
        }
        return block;
    }

    static Mac hmac(String algorithm, byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no usable " + algorithm, e);
        }
    }
}
