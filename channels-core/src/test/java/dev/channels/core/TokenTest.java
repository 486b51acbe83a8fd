package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Connect;
import dev.channels.core.Token.Failure;
import dev.channels.core.Token.SignOptions;
import dev.channels.core.Token.Verified;
import dev.channels.core.internal.token.Atom;
import dev.channels.core.internal.token.Etf;
import dev.channels.core.internal.token.KeyDerivation;
import dev.channels.core.internal.token.MessageVerifier;
import dev.channels.core.internal.token.MessageVerifier.Algorithm;
import dev.channels.core.internal.token.Tuple;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Phoenix's token_test.exs scenarios (PROTOCOL.md §12.9, items 125 to 131 and 134). */
class TokenTest {

    private static final String SECRET = "abc123abc123abc123abc123abc123";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Token tokens = Token.builder(SECRET).clock(clock).build();

    @Test
    void aSignedTokenVerifiesWithItsData() {
        String token = tokens.sign("id", 1);

        Verified verified = tokens.verify("id", token);

        assertTrue(verified.isOk());
        assertEquals(1L, verified.data());
        assertEquals("Verified[ok]", verified.toString());
    }

    @Test
    void garbageIsInvalid() {
        assertEquals(Failure.INVALID, tokens.verify("id", "garbage").error());
        assertEquals(Failure.INVALID, tokens.verify("id", "").error());
        assertEquals(Failure.INVALID, tokens.verify("id", "a.b.c.d").error());
        assertEquals(Failure.INVALID, tokens.verify("id", "SFMyNTY.!!!.abc").error());
    }

    @Test
    void aWrongSaltIsInvalid() {
        String token = tokens.sign("id", 1);

        assertEquals(Failure.INVALID, tokens.verify("other", token).error());
    }

    @Test
    void aNullTokenIsMissing() {
        Verified verified = tokens.verify("id", null, Duration.ofDays(1));

        assertFalse(verified.isOk());
        assertEquals(Failure.MISSING, verified.error());
        assertEquals("missing", verified.error().reason());
    }

    @Test
    void positiveMaxAgesGivenToVerifyAreOk() {
        String token = tokens.sign("id", 1);

        assertTrue(tokens.verify("id", token, Duration.ofSeconds(1000)).isOk());
        assertTrue(tokens.verify("id", token, Duration.ofSeconds(100)).isOk());
    }

    @Test
    void zeroOrNegativeMaxAgesGivenToVerifyAreExpired() {
        String token = tokens.sign("id", 1);

        assertEquals(Failure.EXPIRED, tokens.verify("id", token, Duration.ofSeconds(-1000))
                .error());
        assertEquals(Failure.EXPIRED, tokens.verify("id", token, Duration.ofSeconds(-100))
                .error());
        assertEquals(Failure.EXPIRED, tokens.verify("id", token, Duration.ZERO).error());
    }

    @Test
    void embeddedMaxAgesFollowTheSameRules() {
        assertTrue(tokens.verify("id", signWithMaxAge(Duration.ofSeconds(1000))).isOk());
        assertTrue(tokens.verify("id", signWithMaxAge(Duration.ofSeconds(100))).isOk());
        assertEquals(Failure.EXPIRED,
                tokens.verify("id", signWithMaxAge(Duration.ofSeconds(-1000))).error());
        assertEquals(Failure.EXPIRED,
                tokens.verify("id", signWithMaxAge(Duration.ofSeconds(-100))).error());
        assertEquals(Failure.EXPIRED, tokens.verify("id", signWithMaxAge(Duration.ZERO))
                .error());
    }

    @Test
    void aTenthOfASecondIsOkNowAndExpired150MillisecondsLater() {
        String token = tokens.sign("id", 1);
        String embedded = signWithMaxAge(Duration.ofMillis(100));

        assertTrue(tokens.verify("id", token, Duration.ofMillis(100)).isOk());
        assertTrue(tokens.verify("id", embedded).isOk());
        clock.advance(Duration.ofMillis(150));

        assertEquals(Failure.EXPIRED, tokens.verify("id", token, Duration.ofMillis(100))
                .error());
        assertEquals(Failure.EXPIRED, tokens.verify("id", embedded).error());
    }

    @Test
    void aTokenIsOkUntilItsMaxAgeHasFullyPassed() {
        String token = tokens.sign("id", 1);

        clock.advance(Duration.ofSeconds(10));
        assertTrue(tokens.verify("id", token, Duration.ofSeconds(10)).isOk());
        clock.advance(Duration.ofMillis(1));

        assertEquals(Failure.EXPIRED, tokens.verify("id", token, Duration.ofSeconds(10))
                .error());
    }

    @Test
    void infinityIsOkForever() {
        String token = tokens.sign("id", 1);
        String embedded = signWithMaxAge(Token.INFINITY);

        clock.advance(Duration.ofDays(365 * 100));

        assertTrue(tokens.verify("id", token, Token.INFINITY).isOk());
        assertTrue(tokens.verify("id", embedded).isOk());
        assertEquals(Failure.EXPIRED, tokens.verify("id", token).error());
    }

    @Test
    void aTokenSignedADayAgoVerifiesWithADayPlusOneAndExpiresWithADayMinusOne() {
        Instant dayAgo = Instant.ofEpochSecond(NOW.getEpochSecond() - 86_400);
        String token = tokens.sign("id", 1, SignOptions.defaults().signedAt(dayAgo));

        assertTrue(tokens.verify("id", token, Duration.ofSeconds(86_401)).isOk());
        assertEquals(Failure.EXPIRED, tokens.verify("id", token, Duration.ofSeconds(86_399))
                .error());
    }

    @Test
    void aTokenSignedInTheFutureIsInvalid() {
        String token = tokens.sign("id", 1,
                SignOptions.defaults().signedAt(NOW.plusSeconds(60)));

        assertEquals(Failure.INVALID, tokens.verify("id", token).error());
        assertTrue(tokens.verify("id", token, Token.INFINITY).isOk());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(tokens.verify("id", token).isOk());
    }

    @Test
    void keyIterationsDigestAndLengthEachChangeTheToken() {
        SignOptions epoch = SignOptions.defaults().signedAt(Instant.EPOCH);
        String plain = tokens.sign("id", 1, epoch);

        String iterations = Token.builder(SECRET).keyIterations(1001).build()
                .sign("id", 1, epoch);
        String digest = Token.builder(SECRET).keyDigest("sha512").build().sign("id", 1, epoch);
        String length = Token.builder(SECRET).keyLength(64).build().sign("id", 1, epoch);

        assertNotEquals(plain, iterations);
        assertNotEquals(plain, digest);
        assertNotEquals(plain, length);
        assertNotEquals(iterations, digest);
        assertEquals(Failure.INVALID, tokens.verify("id", digest, Token.INFINITY).error());
    }

    @Test
    void theDefaultsEqualExplicit32Sha256And1000() {
        SignOptions epoch = SignOptions.defaults().signedAt(Instant.EPOCH);
        Token explicit = Token.builder(SECRET).keyLength(32).keyDigest("sha256")
                .keyIterations(1000).build();

        assertEquals(tokens.sign("id", 1, epoch), explicit.sign("id", 1, epoch));
    }

    @Test
    void hs384AndHs512HeadersVerifyWhenMacdAccordingly() {
        byte[] key = key("id");
        byte[] payload = Etf.encode(Tuple.of(5L, NOW.toEpochMilli(), 60L));

        String hs384 = MessageVerifier.sign(payload, key, Algorithm.HS384);
        String hs512 = MessageVerifier.sign(payload, key, Algorithm.HS512);

        assertTrue(hs384.startsWith("SFMzODQ."));
        assertTrue(hs512.startsWith("SFM1MTI."));
        assertEquals(5L, tokens.verify("id", hs384).data());
        assertEquals(5L, tokens.verify("id", hs512).data());
    }

    @Test
    void aHeaderThatDoesNotMatchTheMacIsInvalid() {
        String token = tokens.sign("id", 1);

        String relabelled = "SFMzODQ" + token.substring("SFMyNTY".length());

        assertEquals(Failure.INVALID, tokens.verify("id", relabelled).error());
    }

    @Test
    void aTamperedPayloadOrMacIsInvalid() {
        String token = tokens.sign("id", 1);
        String[] parts = token.split("\\.");

        String payload = parts[0] + "." + flipFirst(parts[1]) + "." + parts[2];
        String mac = parts[0] + "." + parts[1] + "." + flipFirst(parts[2]);
        String padded = token + "=";

        assertEquals(Failure.INVALID, tokens.verify("id", payload).error());
        assertEquals(Failure.INVALID, tokens.verify("id", mac).error());
        assertEquals(Failure.INVALID, tokens.verify("id", padded).error());
    }

    @Test
    void theLegacyTwoElementTupleVerifiesWithADefaultDayOfMaxAge() {
        byte[] payload = Etf.encode(Tuple.of("legacy", NOW.toEpochMilli()));
        String token = MessageVerifier.sign(payload, key("id"));

        assertEquals("legacy", tokens.verify("id", token).data());
        clock.advance(Duration.ofDays(1).plusMillis(1));
        assertEquals(Failure.EXPIRED, tokens.verify("id", token).error());
    }

    @Test
    void theLegacyMapWithAtomKeysVerifies() {
        Map<Object, Object> legacy = new LinkedHashMap<>();
        legacy.put(new Atom("data"), List.of(1, 2));
        legacy.put(new Atom("signed"), NOW.toEpochMilli());
        String token = MessageVerifier.sign(Etf.encode(legacy), key("id"));

        assertEquals(List.of(1L, 2L), tokens.verify("id", token).data());
    }

    @Test
    void aMapWithStringKeysIsNotTheLegacyForm() {
        Map<Object, Object> notLegacy = new LinkedHashMap<>();
        notLegacy.put("data", 1);
        notLegacy.put("signed", NOW.toEpochMilli());
        String token = MessageVerifier.sign(Etf.encode(notLegacy), key("id"));

        assertEquals(Failure.INVALID, tokens.verify("id", token).error());
    }

    @Test
    void aPayloadOfAnotherShapeIsInvalidEvenWithAGoodMac() {
        String list = MessageVerifier.sign(Etf.encode(List.of(1, NOW.toEpochMilli())), key("id"));
        String text = MessageVerifier.sign(Etf.encode(Tuple.of(1, "yesterday", 60)), key("id"));
        String age = MessageVerifier.sign(Etf.encode(Tuple.of(1, 0, "never")), key("id"));
        String junk = MessageVerifier.sign(new byte[] {1, 2, 3}, key("id"));

        assertEquals(Failure.INVALID, tokens.verify("id", list).error());
        assertEquals(Failure.INVALID, tokens.verify("id", text).error());
        assertEquals(Failure.INVALID, tokens.verify("id", age).error());
        assertEquals(Failure.INVALID, tokens.verify("id", junk).error());
    }

    @Test
    void atomsAndTuplesSignedByElixirComeBackAsStringsAndLists() {
        Object data = Map.of("role", new Atom("admin"), "pair", Tuple.of(1, true));
        byte[] payload = Etf.encode(Tuple.of(data, NOW.toEpochMilli(), 60));
        String token = MessageVerifier.sign(payload, key("id"));

        Map<?, ?> decoded = tokens.verify("id", token).dataAs(Map.class);

        assertEquals("admin", decoded.get("role"));
        assertEquals(List.of(1L, true), decoded.get("pair"));
    }

    @Test
    void structuredDataRoundTripsAsPlainJava() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", 42);
        data.put("name", "Zoë");
        data.put("roles", List.of("admin", "ops"));
        data.put("score", 1.5);
        data.put("big", new BigInteger("123456789012345678901234567890"));
        data.put("none", null);

        Map<?, ?> back = tokens.verify("id", tokens.sign("id", data)).dataAs(Map.class);

        assertEquals(42L, back.get("id"));
        assertEquals("Zoë", back.get("name"));
        assertEquals(List.of("admin", "ops"), back.get("roles"));
        assertEquals(1.5, back.get("score"));
        assertEquals(new BigInteger("123456789012345678901234567890"), back.get("big"));
        assertTrue(back.containsKey("none"));
        assertNull(back.get("none"));
    }

    @Test
    void dataAsConvertsIntegersThatFitAndRefusesOtherTypes() {
        Verified verified = tokens.verify("id", tokens.sign("id", 42));

        assertEquals(42, verified.dataAs(Integer.class));
        assertEquals(BigInteger.valueOf(42), verified.dataAs(BigInteger.class));
        TokenException wrong = assertThrows(TokenException.class,
                () -> verified.dataAs(String.class));
        assertTrue(wrong.getMessage().contains("java.lang.Long"));
        assertThrows(TokenException.class, () -> tokens.verify("id",
                tokens.sign("id", 1L << 40)).dataAs(Integer.class));
        assertThrows(IllegalArgumentException.class, () -> verified.dataAs(long.class));
    }

    @Test
    void aFailedVerificationHasNoDataAndAnOkOneHasNoError() {
        Verified failed = tokens.verify("id", "garbage");
        Verified ok = tokens.verify("id", tokens.sign("id", 1));

        IllegalStateException noData = assertThrows(IllegalStateException.class, failed::data);
        assertTrue(noData.getMessage().contains("invalid"));
        assertThrows(IllegalStateException.class, ok::error);
        assertEquals(Optional.empty(), failed.value());
        assertEquals(Optional.empty(), failed.value(String.class));
        assertEquals("Verified[invalid]", failed.toString());
    }

    @Test
    void nilDataVerifiesButMapsToEmpty() {
        Verified verified = tokens.verify("id", tokens.sign("id", null));

        assertTrue(verified.isOk());
        assertNull(verified.data());
        assertEquals(Optional.empty(), verified.map(Object::toString));
    }

    @Test
    void hostCodeMapsAVerifiedTokenToAConnectDecision() {
        String token = tokens.sign("user socket", "42");

        Connect accepted = connect(token);
        Connect refused = connect("forged");

        assertTrue(accepted.accepted());
        assertEquals("42", accepted.assigns().get("user_id"));
        assertFalse(refused.accepted());
    }

    @Test
    void aSecretShorterThan20BytesIsRefusedWithAnExplanation() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Token.builder("too short"));

        assertTrue(error.getMessage().contains("at least 20"));
        assertTrue(Token.builder("12345678901234567890").build().sign("id", 1).length() > 0);
    }

    @Test
    void badBuilderSettingsAreRefused() {
        Token.Builder builder = Token.builder(SECRET);

        assertThrows(IllegalArgumentException.class, () -> builder.keyIterations(0));
        assertThrows(IllegalArgumentException.class, () -> builder.keyLength(0));
        assertThrows(IllegalArgumentException.class, () -> builder.keyDigest("md5"));
    }

    @Test
    void dataWithoutATermFormIsRefusedNamingItsType() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tokens.sign("id", new Object()));

        assertTrue(error.getMessage().contains("java.lang.Object"));
    }

    @Test
    void anEmptySaltWorksAsInPhoenix() {
        String token = tokens.sign("", "x");

        assertEquals("x", tokens.verify("", token).data());
    }

    @Test
    void theStringFormsNeverShowTheSecret() {
        assertFalse(tokens.toString().contains(SECRET));
        assertFalse(SignOptions.defaults().toString().isEmpty());
    }

    private Connect connect(String token) {
        return tokens.verify("user socket", token, Duration.ofDays(1))
                .map(id -> Connect.accept(Map.of("user_id", id)))
                .orElseGet(Connect::refuse);
    }

    private String signWithMaxAge(Duration maxAge) {
        return tokens.sign("id", 1, SignOptions.defaults().maxAge(maxAge));
    }

    private static byte[] key(String salt) {
        return new KeyDerivation(SECRET.getBytes(StandardCharsets.UTF_8), 1000, 32, "sha256")
                .key(salt);
    }

    private static String flipFirst(String part) {
        char first = part.charAt(0);
        return (first == 'A' ? 'B' : 'A') + part.substring(1);
    }
}
