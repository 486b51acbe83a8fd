package dev.channels.core.internal.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/** The vectors of draft-irtf-cfrg-xchacha (sections 2.2.1 and A.3.1). */
class XChaCha20Poly1305Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I"
            + " could offer you only one tip for the future, sunscreen would be it.")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = HEX.parseHex(
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final byte[] NONCE = HEX.parseHex(
            "404142434445464748494a4b4c4d4e4f5051525354555657");
    private static final byte[] AAD = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    private static final String SEALED =
            "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
            + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
            + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
            + "21f9664c97637da9768812f615c68b13b52e"
            + "c0875924c1c7987947deafd8780acf49";

    @Test
    void hChaCha20MatchesTheDraftVector() {
        byte[] key = HEX.parseHex(
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] input = HEX.parseHex("000000090000004a0000000031415927");

        byte[] subkey = XChaCha20Poly1305.hChaCha20(key, input);

        assertEquals("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc",
                HEX.formatHex(subkey));
    }

    @Test
    void sealingMatchesTheDraftAeadVector() {
        byte[] sealed = XChaCha20Poly1305.seal(KEY, NONCE, AAD, PLAINTEXT);

        assertEquals(SEALED, HEX.formatHex(sealed));
    }

    @Test
    void openingReversesSealingAndRejectsAnyChange() throws AEADBadTagException {
        byte[] sealed = HEX.parseHex(SEALED);

        assertArrayEquals(PLAINTEXT, XChaCha20Poly1305.open(KEY, NONCE, AAD, sealed));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(AEADBadTagException.class,
                () -> XChaCha20Poly1305.open(KEY, NONCE, AAD, sealed));
    }

    @Test
    void theTokenFormatPutsTheTagBeforeTheCiphertext() {
        String token = MessageEncryptor.encrypt(PLAINTEXT, KEY, NONCE);

        assertTrue(token.startsWith("XCP."));
        byte[] body = Base64.getUrlDecoder().decode(token.substring(4));
        byte[] sealed = XChaCha20Poly1305.seal(KEY, NONCE,
                "A128GCM".getBytes(StandardCharsets.US_ASCII), PLAINTEXT);
        assertEquals(HEX.formatHex(NONCE), HEX.formatHex(body, 0, 24));
        assertEquals(HEX.formatHex(sealed, sealed.length - 16, sealed.length),
                HEX.formatHex(body, 24, 40));
        assertEquals(HEX.formatHex(sealed, 0, sealed.length - 16),
                HEX.formatHex(body, 40, body.length));
        assertArrayEquals(PLAINTEXT, MessageEncryptor.decrypt(token, KEY).orElseThrow());
    }
}
