package dev.channels.core.internal.token;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Phoenix's key generator: {@code PBKDF2-HMAC-<digest>(secret key base, salt, iterations,
 * length)}, with the derived keys cached per salt. The secret, iterations, length and digest
 * are fixed per instance, so the cache key is in effect Phoenix's
 * {@code (secret, salt, iterations, length, digest)}. The cache holds at most
 * {@link #MAX_CACHED_KEYS} salts and drops the least recently used beyond that.
 * Thread-safe.
 */
public final class KeyDerivation {

    /** How many salts keep their derived key in memory. */
    public static final int MAX_CACHED_KEYS = 256;

    private final byte[] secret;
    private final int iterations;
    private final int length;
    private final String macAlgorithm;

    /** Salt to derived key, least recently used first. Guarded by {@code this}. */
    private final Map<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MAX_CACHED_KEYS;
        }
    };

    /**
     * Creates a key derivation.
     *
     * @param secret the secret key base; copied
     * @param iterations PBKDF2 iterations, at least 1
     * @param length derived key length in bytes, at least 1
     * @param digest {@code sha256}, {@code sha384} or {@code sha512}: the PBKDF2 PRF
     * @throws IllegalArgumentException when the digest is none of those
     */
    public KeyDerivation(byte[] secret, int iterations, int length, String digest) {
        this.secret = secret.clone();
        this.iterations = iterations;
        this.length = length;
        this.macAlgorithm = macAlgorithm(digest);
    }

    /**
     * The JDK HMAC algorithm of a Phoenix digest name.
     *
     * @param digest {@code sha256}, {@code sha384} or {@code sha512}
     * @return {@code HmacSHA256}, {@code HmacSHA384} or {@code HmacSHA512}
     * @throws IllegalArgumentException for any other name
     */
    public static String macAlgorithm(String digest) {
        switch (digest == null ? "" : digest) {
            case "sha256":
                return "HmacSHA256";
            case "sha384":
                return "HmacSHA384";
            case "sha512":
                return "HmacSHA512";
            default:
                throw new IllegalArgumentException("unknown key digest \"" + digest
                        + "\": use \"sha256\" (Phoenix's default), \"sha384\" or \"sha512\"");
        }
    }

    /**
     * The derived key for a salt, from the cache or computed (outside any lock; two threads
     * may compute the same key once each).
     *
     * @param salt the salt, as UTF-8
     * @return a fresh copy of the key, {@code length} bytes
     */
    public byte[] key(String salt) {
        byte[] key;
        synchronized (this) {
            key = cache.get(salt);
        }
        if (key == null) {
            key = Pbkdf2.derive(macAlgorithm, secret, salt.getBytes(StandardCharsets.UTF_8),
                    iterations, length);
            synchronized (this) {
                cache.put(salt, key);
            }
        }
        return key.clone();
    }

    /**
     * The derived key length.
     *
     * @return bytes
     */
    public int length() {
        return length;
    }

    /** How many salts have a cached key; for tests. */
    synchronized int cachedKeys() {
        return cache.size();
    }

    @Override
    public String toString() {
        return "KeyDerivation[" + macAlgorithm.toLowerCase(Locale.ROOT) + ", " + iterations
                + " iterations, " + length + " bytes]";
    }
}
