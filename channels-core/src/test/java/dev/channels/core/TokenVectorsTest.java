package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.core.internal.token.KeyDerivation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md §8.1's vectors, produced by the real Plug.Crypto, reproduced byte for byte. */
class TokenVectorsTest {

    private static final String SECRET = "abc123abc123abc123abc123abc123";
    private static final String FIRST =
            "SFMyNTY.g2gDYQFhAGIAAVGA.z_bq3v7vwvg1Qv4s3SXm7kWtSs2Hgyg29vi3F5Ad5Bo";
    private static final String SECOND = "SFMyNTY.g2gDbQAAAAI0Mm4GAABo5c-LAWIAAVGA"
            + ".jixWDnlRjNCyuNIH4y5qWHSCkO0E7z0hFbetoKkgNmA";

    private final Token tokens = Token.builder(SECRET).build();

    @Test
    void theDerivedKeyMatchesPlugCrypto() {
        byte[] key = new KeyDerivation(SECRET.getBytes(StandardCharsets.UTF_8), 1000, 32,
                "sha256").key("id");

        assertEquals("bd2e641812fc0f1cdba030c565d93dbb1b005dd8dce2bb5d46f921e46379f5d0",
                HexFormat.of().formatHex(key));
    }

    @Test
    void signingAtTheEpochReproducesTheFirstToken() {
        String token = tokens.sign("id", 1, Token.SignOptions.defaults().signedAt(Instant.EPOCH));

        assertEquals(FIRST, token);
        assertArrayEquals(bytes(131, 104, 3, 97, 1, 97, 0, 98, 0, 1, 81, 128), payload(token));
    }

    @Test
    void theFirstTokenVerifiesWithInfinityAndIsExpiredByDefault() {
        Token.Verified forever = tokens.verify("id", FIRST, Token.INFINITY);
        Token.Verified embedded = tokens.verify("id", FIRST);

        assertTrue(forever.isOk());
        assertEquals(1L, forever.data());
        assertEquals(Token.Failure.EXPIRED, embedded.error());
    }

    @Test
    void theSecondTokenCarriesTheTimestampAsASmallBig() {
        String token = tokens.sign("user auth", "42", Token.SignOptions.defaults()
                .signedAt(Instant.ofEpochSecond(1_700_000_000L))
                .maxAge(Duration.ofSeconds(86_400)));

        assertEquals(SECOND, token);
        assertArrayEquals(bytes(131, 104, 3, 109, 0, 0, 0, 2, 52, 50, 110, 6, 0, 0, 104, 229,
                207, 139, 1, 98, 0, 1, 81, 128), payload(token));
    }

    @Test
    void theSecondTokenVerifiesAsTheString42() {
        Token.Verified verified = tokens.verify("user auth", SECOND, Token.INFINITY);

        assertEquals("42", verified.dataAs(String.class));
    }

    @Test
    void aMapPayloadStartsAsErlangWritesIt() {
        String token = tokens.sign("id", Map.of("user_id", 7));

        byte[] prefix = Arrays.copyOf(payload(token), 23);
        byte[] expected = new byte[23];
        byte[] head = bytes(131, 104, 3, 116, 0, 0, 0, 1, 109, 0, 0, 0, 7);
        System.arraycopy(head, 0, expected, 0, head.length);
        System.arraycopy("user_id".getBytes(StandardCharsets.US_ASCII), 0, expected, 13, 7);
        expected[20] = 97;
        expected[21] = 7;
        expected[22] = 110;
        assertArrayEquals(expected, prefix);
    }

    private static byte[] payload(String token) {
        return Base64.getUrlDecoder().decode(token.split("\\.")[1]);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
