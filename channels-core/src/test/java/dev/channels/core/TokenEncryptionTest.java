package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.core.Token.Failure;
import dev.channels.core.Token.SignOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phoenix's encrypt/decrypt scenarios (PROTOCOL.md §12.9, item 133). */
class TokenEncryptionTest {

    private static final String SECRET = "abc123abc123abc123abc123abc123";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Token tokens = Token.builder(SECRET).clock(clock).build();

    @Test
    void anEncryptedTokenDecryptsWithItsData() {
        String token = tokens.encrypt("secret", Map.of("user_id", 1));

        assertTrue(token.startsWith("XCP."));
        assertEquals(Map.of("user_id", 1L), tokens.decrypt("secret", token).data());
    }

    @Test
    void theSameDataEncryptsDifferentlyEachTime() {
        assertNotEquals(tokens.encrypt("secret", 1), tokens.encrypt("secret", 1));
    }

    @Test
    void aWrongSecretOrSecretKeyBaseIsInvalid() {
        String token = tokens.encrypt("secret", 1);
        Token other = Token.builder("another secret key base, long enough").clock(clock).build();

        assertEquals(Failure.INVALID, tokens.decrypt("other secret", token).error());
        assertEquals(Failure.INVALID, other.decrypt("secret", token).error());
    }

    @Test
    void garbageTamperingAndSignedTokensAreInvalidAndNullIsMissing() {
        String token = tokens.encrypt("secret", 1);
        // A character inside the text, not the last one: the last base64 character may carry
        // bits the decoder discards, so changing it can leave the bytes as they were.
        int at = token.length() / 2;
        char middle = token.charAt(at);
        String tampered = token.substring(0, at) + (middle == 'A' ? 'B' : 'A')
                + token.substring(at + 1);

        assertEquals(Failure.INVALID, tokens.decrypt("secret", "garbage").error());
        assertEquals(Failure.INVALID, tokens.decrypt("secret", "XCP.AAAA").error());
        assertEquals(Failure.INVALID, tokens.decrypt("secret", tampered).error());
        assertEquals(Failure.INVALID, tokens.decrypt("secret", tokens.sign("secret", 1))
                .error());
        assertEquals(Failure.MISSING, tokens.decrypt("secret", null).error());
    }

    @Test
    void maxAgesApplyAsForSignedTokens() {
        String token = tokens.encrypt("secret", 1);

        assertTrue(tokens.decrypt("secret", token, Duration.ofSeconds(1000)).isOk());
        assertTrue(tokens.decrypt("secret", token, Duration.ofMillis(100)).isOk());
        assertEquals(Failure.EXPIRED, tokens.decrypt("secret", token, Duration.ZERO).error());
        assertEquals(Failure.EXPIRED, tokens.decrypt("secret", token, Duration.ofSeconds(-100))
                .error());
        clock.advance(Duration.ofMillis(150));
        assertEquals(Failure.EXPIRED, tokens.decrypt("secret", token, Duration.ofMillis(100))
                .error());
        clock.advance(Duration.ofDays(2));
        assertEquals(Failure.EXPIRED, tokens.decrypt("secret", token).error());
        assertTrue(tokens.decrypt("secret", token, Token.INFINITY).isOk());
    }

    @Test
    void signedAtAndEmbeddedMaxAgeApplyAsForSignedTokens() {
        Instant dayAgo = NOW.minusSeconds(86_400);
        String old = tokens.encrypt("secret", 1, SignOptions.defaults().signedAt(dayAgo));
        String future = tokens.encrypt("secret", 1, SignOptions.defaults()
                .signedAt(NOW.plusSeconds(5)));
        String brief = tokens.encrypt("secret", 1, SignOptions.defaults()
                .maxAge(Duration.ofSeconds(1)));

        assertTrue(tokens.decrypt("secret", old, Duration.ofSeconds(86_401)).isOk());
        assertEquals(Failure.EXPIRED, tokens.decrypt("secret", old, Duration.ofSeconds(86_399))
                .error());
        assertEquals(Failure.INVALID, tokens.decrypt("secret", future).error());
        assertTrue(tokens.decrypt("secret", brief).isOk());
        clock.advance(Duration.ofMillis(1001));
        assertEquals(Failure.EXPIRED, tokens.decrypt("secret", brief).error());
    }

    @Test
    void keyOptionsChangeTheKey() {
        String token = tokens.encrypt("secret", List.of("a"));
        Token iterations = Token.builder(SECRET).keyIterations(999).clock(clock).build();
        Token digest = Token.builder(SECRET).keyDigest("sha384").clock(clock).build();

        assertEquals(List.of("a"), tokens.decrypt("secret", token).data());
        assertEquals(Failure.INVALID, iterations.decrypt("secret", token).error());
        assertEquals(Failure.INVALID, digest.decrypt("secret", token).error());
    }

    @Test
    void encryptionNeeds32ByteKeys() {
        Token longKeys = Token.builder(SECRET).keyLength(64).build();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> longKeys.encrypt("secret", 1));

        assertTrue(error.getMessage().contains("keyLength(32)"));
    }
}
