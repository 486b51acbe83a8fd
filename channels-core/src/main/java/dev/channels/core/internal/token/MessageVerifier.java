package dev.channels.core.internal.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed token format: {@code header "." b64url(payload) "." b64url(mac)}, where the MAC
 * is an HMAC over the first two parts as they appear in the token, and base64url is without
 * padding. Signing always uses HS256 ({@code SFMyNTY}); verifying also accepts HS384
 * ({@code SFMzODQ}) and HS512 ({@code SFM1MTI}). Stateless and thread-safe.
 */
public final class MessageVerifier {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private MessageVerifier() {
    }

    /** The MAC algorithms a token header can name. */
    public enum Algorithm {
        /** HMAC-SHA256, header {@code SFMyNTY}: the one Phoenix signs with. */
        HS256("SFMyNTY", "HmacSHA256"),
        /** HMAC-SHA384, header {@code SFMzODQ}. */
        HS384("SFMzODQ", "HmacSHA384"),
        /** HMAC-SHA512, header {@code SFM1MTI}. */
        HS512("SFM1MTI", "HmacSHA512");

        private final String header;
        private final String mac;

        Algorithm(String header, String mac) {
            this.header = header;
            this.mac = mac;
        }

        /**
         * The token's first part for this algorithm.
         *
         * @return base64url of the algorithm name
         */
        public String header() {
            return header;
        }

        static Optional<Algorithm> ofHeader(String header) {
            for (Algorithm algorithm : values()) {
                if (algorithm.header.equals(header)) {
                    return Optional.of(algorithm);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Signs a payload with HS256, as Phoenix does.
     *
     * @param payload the bytes to carry
     * @param key the MAC key
     * @return the token
     */
    public static String sign(byte[] payload, byte[] key) {
        return sign(payload, key, Algorithm.HS256);
    }

    /**
     * Signs a payload with a given algorithm.
     *
     * @param payload the bytes to carry
     * @param key the MAC key
     * @param algorithm which HMAC, named in the header
     * @return the token
     */
    public static String sign(byte[] payload, byte[] key, Algorithm algorithm) {
        String signed = algorithm.header + "." + ENCODER.encodeToString(payload);
        return signed + "." + ENCODER.encodeToString(mac(algorithm, key, signed));
    }

    /**
     * Checks a token's shape and MAC and returns its payload.
     *
     * @param token the token, not null
     * @param key the MAC key
     * @return the payload bytes, or empty when the token does not have exactly three parts,
     *     names an unknown algorithm, is not unpadded base64url, or its MAC does not match
     *     (compared in constant time)
     */
    public static Optional<byte[]> verify(String token, byte[] key) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        Optional<Algorithm> algorithm = Algorithm.ofHeader(token.substring(0, first));
        Optional<byte[]> payload = decode(token.substring(first + 1, second));
        Optional<byte[]> mac = decode(token.substring(second + 1));
        if (algorithm.isEmpty() || payload.isEmpty() || mac.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = mac(algorithm.get(), key, token.substring(0, second));
        return MessageDigest.isEqual(expected, mac.get()) ? payload : Optional.empty();
    }

    /**
     * Decodes unpadded base64url.
     *
     * @param text the text
     * @return the bytes, or empty when the text has padding or characters outside the
     *     base64url alphabet, or a length no encoding produces
     */
    static Optional<byte[]> decode(String text) {
        if (text.indexOf('=') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(DECODER.decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Encodes unpadded base64url.
     *
     * @param bytes the bytes
     * @return the text
     */
    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private static byte[] mac(Algorithm algorithm, byte[] key, String signed) {
        return Pbkdf2.hmac(algorithm.mac, key).doFinal(signed.getBytes(StandardCharsets.UTF_8));
    }
}
