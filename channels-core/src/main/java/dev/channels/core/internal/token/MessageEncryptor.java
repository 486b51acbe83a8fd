package dev.channels.core.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * Phoenix's encrypted token format: {@code "XCP." + b64url(iv(24) || tag(16) || ciphertext)}
 * with XChaCha20-Poly1305, a random IV and the additional data {@code "A128GCM"}. The legacy
 * {@code QTEyOEdDTQ.} (AES-GCM with key wrap) format is not supported: such tokens are
 * invalid here. Thread-safe.
 */
public final class MessageEncryptor {

    private static final String PREFIX = "XCP.";
    private static final byte[] AAD = "A128GCM".getBytes(StandardCharsets.US_ASCII);
    private static final int IV = XChaCha20Poly1305.NONCE_LENGTH;
    private static final int TAG = XChaCha20Poly1305.TAG_LENGTH;

    private MessageEncryptor() {
    }

    /**
     * Encrypts a payload under a random IV.
     *
     * @param payload the plaintext
     * @param key 32 bytes
     * @param random where the IV comes from
     * @return the token
     */
    public static String encrypt(byte[] payload, byte[] key, SecureRandom random) {
        byte[] iv = new byte[IV];
        random.nextBytes(iv);
        return encrypt(payload, key, iv);
    }

    /**
     * Encrypts a payload under a given IV (for tests; a reused IV breaks the cipher).
     *
     * @param payload the plaintext
     * @param key 32 bytes
     * @param iv 24 bytes
     * @return the token
     */
    static String encrypt(byte[] payload, byte[] key, byte[] iv) {
        byte[] sealed = XChaCha20Poly1305.seal(key, iv, AAD, payload);
        int cipherLength = sealed.length - TAG;
        byte[] body = new byte[sealed.length + IV];
        System.arraycopy(iv, 0, body, 0, IV);
        System.arraycopy(sealed, cipherLength, body, IV, TAG);
        System.arraycopy(sealed, 0, body, IV + TAG, cipherLength);
        return PREFIX + MessageVerifier.encode(body);
    }

    /**
     * Authenticates and decrypts a token.
     *
     * @param token the token, not null
     * @param key 32 bytes
     * @return the plaintext, or empty when the token lacks the {@code XCP.} prefix, is not
     *     unpadded base64url, is too short, or fails authentication
     */
    public static Optional<byte[]> decrypt(String token, byte[] key) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<byte[]> decoded = MessageVerifier.decode(token.substring(PREFIX.length()));
        if (decoded.isEmpty() || decoded.get().length < IV + TAG) {
            return Optional.empty();
        }
        byte[] body = decoded.get();
        byte[] iv = new byte[IV];
        System.arraycopy(body, 0, iv, 0, IV);
        byte[] sealed = new byte[body.length - IV];
        int cipherLength = sealed.length - TAG;
        System.arraycopy(body, IV + TAG, sealed, 0, cipherLength);
        System.arraycopy(body, IV, sealed, cipherLength, TAG);
        try {
            return Optional.of(XChaCha20Poly1305.open(key, iv, AAD, sealed));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        }
    }
}
