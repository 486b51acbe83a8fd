package dev.channels.core;

import dev.channels.core.internal.token.Claims;
import dev.channels.core.internal.token.KeyDerivation;
import dev.channels.core.internal.token.MaxAge;
import dev.channels.core.internal.token.MessageEncryptor;
import dev.channels.core.internal.token.MessageVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Signs and verifies tokens exactly as {@code Phoenix.Token} does, so a token made by a
 * Phoenix application verifies here and the other way round, given the same secret key base
 * and salt.
 *
 * <p>A typical use gives a user's id to a page as a token and checks it when the socket
 * connects:
 *
 * <pre>{@code
 * Token tokens = Token.builder(secretKeyBase).build();
 * String token = tokens.sign("user socket", userId);
 * ...
 * return tokens.verify("user socket", request.param("token"), Duration.ofDays(14))
 *         .map(id -> Connect.accept(Map.of("user_id", id)))
 *         .orElseGet(Connect::refuse);
 * }</pre>
 *
 * <p><b>What a token is.</b> A signed token is
 * {@code "SFMyNTY." + base64url(payload) + "." + base64url(HMAC-SHA256(key, first two
 * parts))}, where the payload is the Erlang term {@code {data, signed_at_ms, max_age_s}} in
 * External Term Format and the key is {@code PBKDF2(secret key base, salt)}. The data is
 * <em>signed, not encrypted</em>: anyone holding the token can read it. Use
 * {@link #encrypt(String, Object)} to hide it.
 *
 * <p><b>Data types.</b> Data may be {@code null}, {@link Boolean}, {@link Integer},
 * {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger}, {@link Double},
 * {@link Float}, {@link String}, {@code byte[]}, or any {@link java.util.Map} or
 * {@link java.util.Collection} of those, nested. On verification it comes back as Elixir
 * would see it, in plain Java: every integer as {@link Long} (or {@link BigInteger} beyond
 * 64 bits), floats as {@link Double}, binaries as {@link String} (or {@code byte[]} when not
 * valid UTF-8), maps as {@link java.util.LinkedHashMap}, lists and collections as
 * {@link java.util.List}. Data signed by Elixir may also hold atoms, which come back as their
 * name ({@code :admin} is {@code "admin"}), and tuples, which come back as unmodifiable
 * lists.
 *
 * <p><b>Keys.</b> Each salt's key is derived once (PBKDF2, 1000 iterations by default, a
 * deliberately slow step) and kept in a bounded cache of the last 256 salts.
 *
 * <p><b>Threading.</b> A {@code Token} is immutable and safe to share between threads;
 * build one per secret key base and keep it.
 */
public final class Token {

    /**
     * The max age that never expires, Phoenix's {@code :infinity}. Pass it to
     * {@link #verify(String, String, Duration)} to skip the age check, or to
     * {@link SignOptions#maxAge(Duration)} to embed {@code :infinity} in the token. It is
     * {@link ChronoUnit#FOREVER}'s duration; only a duration equal to it means infinity.
     */
    public static final Duration INFINITY = ChronoUnit.FOREVER.getDuration();

    /** The max age embedded when signing without one, as in Phoenix: one day. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);

    /** The shortest secret key base accepted, in bytes (UTF-8 for a string). */
    public static final int MIN_SECRET_BYTES = 20;

    private static final int MAX_KEY_LENGTH = 1024;

    private final KeyDerivation keys;
    private final Clock clock;
    /** Where encryption IVs come from; SecureRandom is thread-safe. */
    private final SecureRandom random = new SecureRandom();

    private Token(Builder builder) {
        this.keys = new KeyDerivation(builder.secret, builder.keyIterations, builder.keyLength,
                builder.keyDigest);
        this.clock = builder.clock;
    }

    /**
     * Starts a token configuration with Phoenix's defaults: 1000 iterations, 32-byte keys,
     * {@code sha256}, the system UTC clock.
     *
     * @param secretKeyBase the application's secret, at least {@value #MIN_SECRET_BYTES}
     *     bytes as UTF-8; the same string as the Phoenix application's
     *     {@code secret_key_base} to exchange tokens with it
     * @return a builder
     * @throws IllegalArgumentException when the secret is shorter than
     *     {@value #MIN_SECRET_BYTES} bytes
     * @throws NullPointerException when the secret is null
     */
    public static Builder builder(String secretKeyBase) {
        Objects.requireNonNull(secretKeyBase, "secretKeyBase");
        return builder(secretKeyBase.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts a token configuration from a binary secret, with Phoenix's defaults.
     *
     * @param secretKeyBase the application's secret, at least {@value #MIN_SECRET_BYTES}
     *     bytes; copied
     * @return a builder
     * @throws IllegalArgumentException when the secret is shorter than
     *     {@value #MIN_SECRET_BYTES} bytes
     * @throws NullPointerException when the secret is null
     */
    public static Builder builder(byte[] secretKeyBase) {
        Objects.requireNonNull(secretKeyBase, "secretKeyBase");
        if (secretKeyBase.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret key base is " + secretKeyBase.length
                    + " bytes, Phoenix requires at least " + MIN_SECRET_BYTES + ": use a long"
                    + " random secret (64 random bytes, base64-encoded, as `mix phx.gen.secret`"
                    + " makes) and keep it out of source control");
        }
        return new Builder(secretKeyBase.clone());
    }

    /**
     * Signs data, now, with the default max age of one day embedded.
     *
     * @param salt names the purpose (for example {@code "user socket"}); a token verifies
     *     only with the salt it was signed with
     * @param data what the token carries; see the class documentation for the types
     * @return the token, URL-safe
     * @throws IllegalArgumentException when the data, or something inside it, has no token
     *     form (the message names the type)
     * @throws NullPointerException when the salt is null
     */
    public String sign(String salt, Object data) {
        return sign(salt, data, SignOptions.defaults());
    }

    /**
     * Signs data with options: a signing time other than now, or another embedded max age.
     *
     * @param salt names the purpose; a token verifies only with the salt it was signed with
     * @param data what the token carries; see the class documentation for the types
     * @param options the signing time and max age
     * @return the token, URL-safe
     * @throws IllegalArgumentException when the data has no token form, or the signing time
     *     is too far from 1970 to count in milliseconds
     * @throws NullPointerException when the salt or the options are null
     */
    public String sign(String salt, Object data, SignOptions options) {
        Objects.requireNonNull(salt, "salt");
        return MessageVerifier.sign(payload(data, options), keys.key(salt));
    }

    /**
     * Verifies a token against the max age embedded in it (one day unless the signer chose
     * another).
     *
     * @param salt the salt it was signed with
     * @param token the token, possibly null (an absent parameter)
     * @return the outcome, never null; see {@link #verify(String, String, Duration)}
     * @throws NullPointerException when the salt is null
     */
    public Verified verify(String salt, String token) {
        return verified(salt, token, null);
    }

    /**
     * Verifies a token against a given max age, which replaces the embedded one.
     *
     * <p>Outcomes, in the order they are checked:
     * <ul>
     *   <li>{@link Failure#MISSING} when the token is null;</li>
     *   <li>{@link Failure#INVALID} when it is not three dot-separated parts with a known
     *       header ({@code SFMyNTY}, {@code SFMzODQ} or {@code SFM1MTI}), a part is not
     *       unpadded base64url, the MAC does not match (wrong secret, wrong salt, tampered),
     *       or the payload is not a token payload;</li>
     *   <li>ok when the max age is {@link #INFINITY};</li>
     *   <li>{@link Failure#EXPIRED} when the max age is zero or negative;</li>
     *   <li>{@link Failure#INVALID} when the token was signed after the clock's now;</li>
     *   <li>{@link Failure#EXPIRED} when signed-at plus the max age (truncated to whole
     *       milliseconds) is before now;</li>
     *   <li>ok otherwise, with the data.</li>
     * </ul>
     *
     * @param salt the salt it was signed with
     * @param token the token, possibly null
     * @param maxAge how old the token may be, or {@link #INFINITY}; fractions of a second
     *     count ({@code Duration.ofMillis(100)} is Phoenix's {@code 0.1})
     * @return the outcome, never null
     * @throws NullPointerException when the salt or the max age is null
     */
    public Verified verify(String salt, String token, Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge (use Token.INFINITY for no limit)");
        return verified(salt, token, maxAge);
    }

    /**
     * Encrypts data, now, with the default max age of one day embedded, as
     * {@code Phoenix.Token.encrypt/4} does: XChaCha20-Poly1305 under the key derived with
     * {@code secret} as the salt and a random IV, in the {@code "XCP."} format. Unlike a
     * signed token, the data cannot be read without the secret key base.
     *
     * @param secret names the purpose, like a salt; a token decrypts only with it
     * @param data what the token carries; see the class documentation for the types
     * @return the token, URL-safe; a different one on every call
     * @throws IllegalArgumentException when the data has no token form
     * @throws IllegalStateException when this token was built with a key length other than
     *     32, which XChaCha20 cannot use
     * @throws NullPointerException when the secret is null
     */
    public String encrypt(String secret, Object data) {
        return encrypt(secret, data, SignOptions.defaults());
    }

    /**
     * Encrypts data with options: a signing time other than now, or another embedded max
     * age.
     *
     * @param secret names the purpose, like a salt; a token decrypts only with it
     * @param data what the token carries
     * @param options the signing time and max age
     * @return the token, URL-safe; a different one on every call
     * @throws IllegalArgumentException when the data has no token form, or the signing time
     *     is too far from 1970 to count in milliseconds
     * @throws IllegalStateException when the key length is not 32
     * @throws NullPointerException when the secret or the options are null
     */
    public String encrypt(String secret, Object data, SignOptions options) {
        return MessageEncryptor.encrypt(payload(data, options), encryptionKey(secret), random);
    }

    /**
     * Decrypts a token against the max age embedded in it.
     *
     * @param secret the secret it was encrypted with
     * @param token the token, possibly null
     * @return the outcome, never null; see {@link #decrypt(String, String, Duration)}
     * @throws IllegalStateException when the key length is not 32
     * @throws NullPointerException when the secret is null
     */
    public Verified decrypt(String secret, String token) {
        return decrypted(secret, token, null);
    }

    /**
     * Decrypts a token against a given max age, which replaces the embedded one. The
     * outcomes are those of {@link #verify(String, String, Duration)}, except that
     * {@link Failure#INVALID} here means: not {@code "XCP."} followed by unpadded base64url
     * of at least 40 bytes, or not authentic (wrong secret key base, wrong secret,
     * tampered), or not a token payload. Tokens in the legacy AES-GCM format
     * ({@code QTEyOEdDTQ.}) are not supported and are invalid.
     *
     * @param secret the secret it was encrypted with
     * @param token the token, possibly null
     * @param maxAge how old the token may be, or {@link #INFINITY}
     * @return the outcome, never null
     * @throws IllegalStateException when the key length is not 32
     * @throws NullPointerException when the secret or the max age is null
     */
    public Verified decrypt(String secret, String token, Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge (use Token.INFINITY for no limit)");
        return decrypted(secret, token, maxAge);
    }

    @Override
    public String toString() {
        return "Token[" + keys + "]";
    }

    private byte[] payload(Object data, SignOptions options) {
        Objects.requireNonNull(options, "options");
        long signedMs = options.signedAt == null ? clock.millis() : millis(options.signedAt);
        MaxAge maxAge = INFINITY.equals(options.maxAge) ? MaxAge.INFINITY
                : MaxAge.of(options.maxAge);
        return Claims.encode(data, signedMs, maxAge);
    }

    private Verified verified(String salt, String token, Duration maxAge) {
        Objects.requireNonNull(salt, "salt");
        if (token == null) {
            return Verified.failed(Failure.MISSING);
        }
        return check(MessageVerifier.verify(token, keys.key(salt)), maxAge);
    }

    private Verified decrypted(String secret, String token, Duration maxAge) {
        byte[] key = encryptionKey(secret);
        if (token == null) {
            return Verified.failed(Failure.MISSING);
        }
        return check(MessageEncryptor.decrypt(token, key), maxAge);
    }

    private byte[] encryptionKey(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (keys.length() != 32) {
            throw new IllegalStateException("encrypt and decrypt need 32-byte keys but this"
                    + " Token derives " + keys.length() + "-byte keys: build it with"
                    + " keyLength(32), the default");
        }
        return keys.key(secret);
    }

    private Verified check(Optional<byte[]> payload, Duration maxAge) {
        Optional<Claims> claims = payload.flatMap(Claims::decode);
        if (claims.isEmpty()) {
            return Verified.failed(Failure.INVALID);
        }
        MaxAge limit = maxAge == null ? claims.get().maxAge()
                : INFINITY.equals(maxAge) ? MaxAge.INFINITY
                : MaxAge.of(maxAge);
        switch (limit.check(claims.get().signedMs(), clock.millis())) {
            case OK:
                return new Verified(null, claims.get().data());
            case EXPIRED:
                return Verified.failed(Failure.EXPIRED);
            default:
                return Verified.failed(Failure.INVALID);
        }
    }

    /** Unix milliseconds, truncated toward zero as Phoenix's {@code trunc(s * 1000)}. */
    private static long millis(Instant instant) {
        try {
            long millis = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1000L),
                    instant.getNano() / 1_000_000);
            boolean fraction = instant.getNano() % 1_000_000 != 0;
            return instant.getEpochSecond() < 0 && fraction ? millis + 1 : millis;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("signedAt " + instant + " is too far from 1970"
                    + " to count in milliseconds", e);
        }
    }

    /**
     * Configures a {@link Token}. Not thread-safe; the {@code Token} it builds is.
     */
    public static final class Builder {

        private final byte[] secret;
        private int keyIterations = 1000;
        private int keyLength = 32;
        private String keyDigest = "sha256";
        private Clock clock = Clock.systemUTC();

        private Builder(byte[] secret) {
            this.secret = secret;
        }

        /**
         * Sets the PBKDF2 iteration count, Phoenix's {@code key_iterations}. Changing it
         * changes every key, so tokens signed before no longer verify.
         *
         * @param iterations at least 1; default 1000
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder keyIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("keyIterations must be at least 1, got "
                        + iterations + "; Phoenix's default is 1000");
            }
            this.keyIterations = iterations;
            return this;
        }

        /**
         * Sets the derived key length in bytes, Phoenix's {@code key_length}. Encrypted
         * tokens need 32.
         *
         * @param length 1 to 1024; default 32
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder keyLength(int length) {
            if (length < 1 || length > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("keyLength must be 1 to " + MAX_KEY_LENGTH
                        + " bytes, got " + length + "; Phoenix's default is 32");
            }
            this.keyLength = length;
            return this;
        }

        /**
         * Sets the PBKDF2 digest, Phoenix's {@code key_digest}. It changes only the key
         * derivation; signed tokens are always MAC'd with HMAC-SHA256.
         *
         * @param digest {@code "sha256"} (the default), {@code "sha384"} or {@code "sha512"}
         * @return this builder
         * @throws IllegalArgumentException for any other value
         */
        public Builder keyDigest(String digest) {
            KeyDerivation.macAlgorithm(digest);
            this.keyDigest = digest;
            return this;
        }

        /**
         * Sets the clock that says what "now" is when signing and verifying; tests pass a
         * clock they can move.
         *
         * @param clock the clock; default {@link Clock#systemUTC()}
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the token signer. Keys are derived lazily, per salt, on first use.
         *
         * @return the configured {@code Token}
         */
        public Token build() {
            return new Token(this);
        }
    }

    /**
     * How to sign: the signing time and the max age embedded in the token. Immutable; each
     * setter returns a new instance.
     */
    public static final class SignOptions {

        private static final SignOptions DEFAULTS = new SignOptions(null, DEFAULT_MAX_AGE);

        /** Null means the clock's now at signing. */
        private final Instant signedAt;
        private final Duration maxAge;

        private SignOptions(Instant signedAt, Duration maxAge) {
            this.signedAt = signedAt;
            this.maxAge = maxAge;
        }

        /**
         * The defaults: signed now, max age one day.
         *
         * @return the default options
         */
        public static SignOptions defaults() {
            return DEFAULTS;
        }

        /**
         * Signs as of another time instead of now, Phoenix's {@code signed_at}. It is kept
         * to the millisecond, truncated toward zero. A time in the future makes the token
         * invalid until then.
         *
         * @param signedAt the signing time
         * @return new options with that time
         * @throws NullPointerException when null
         */
        public SignOptions signedAt(Instant signedAt) {
            return new SignOptions(Objects.requireNonNull(signedAt, "signedAt"), maxAge);
        }

        /**
         * Embeds another max age, Phoenix's {@code max_age} when signing. It applies when
         * the token is verified without a max age of its own. Whole seconds are embedded as
         * an integer, anything finer as a float of seconds; {@link Token#INFINITY} is
         * embedded as {@code :infinity}. Zero or negative makes the token always expired.
         *
         * @param maxAge the max age; default one day
         * @return new options with that max age
         * @throws NullPointerException when null
         */
        public SignOptions maxAge(Duration maxAge) {
            return new SignOptions(signedAt, Objects.requireNonNull(maxAge, "maxAge"));
        }

        @Override
        public String toString() {
            return "SignOptions[signedAt=" + (signedAt == null ? "now" : signedAt)
                    + ", maxAge=" + (INFINITY.equals(maxAge) ? "infinity" : maxAge) + "]";
        }
    }

    /** Why a token did not verify; Phoenix's error atoms. */
    public enum Failure {
        /** The token was null, Phoenix's {@code :missing}: no token was sent at all. */
        MISSING,
        /**
         * The token is malformed, forged, signed with another secret or salt, tampered
         * with, or claims a signing time in the future: Phoenix's {@code :invalid}.
         */
        INVALID,
        /** The token is authentic but older than the max age: Phoenix's {@code :expired}. */
        EXPIRED;

        /**
         * The Phoenix atom's name.
         *
         * @return {@code "missing"}, {@code "invalid"} or {@code "expired"}
         */
        public String reason() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The outcome of {@link Token#verify} or {@link Token#decrypt}: either ok with the data
     * or a {@link Failure}. Immutable; each call returns fresh data objects the caller may
     * keep or modify. {@link #toString()} never shows the data.
     */
    public static final class Verified {

        /** Null when ok. */
        private final Failure failure;
        private final Object data;

        private Verified(Failure failure, Object data) {
            this.failure = failure;
            this.data = data;
        }

        private static Verified failed(Failure failure) {
            return new Verified(failure, null);
        }

        /**
         * Whether the token verified.
         *
         * @return true when ok, false when there is a {@link #error()}
         */
        public boolean isOk() {
            return failure == null;
        }

        /**
         * Why the token did not verify.
         *
         * @return the failure
         * @throws IllegalStateException when the token verified; check {@link #isOk()} first
         */
        public Failure error() {
            if (failure == null) {
                throw new IllegalStateException("the token verified; there is no error");
            }
            return failure;
        }

        /**
         * The data the token carries, in the plain Java types the class documentation of
         * {@link Token} lists.
         *
         * @return the data, null when the token carries {@code nil}
         * @throws IllegalStateException when the token did not verify; the message names the
         *     failure
         */
        public Object data() {
            if (failure != null) {
                throw new IllegalStateException("the token is " + failure.reason()
                        + "; it has no data (check isOk() or use value() or map())");
            }
            return data;
        }

        /**
         * The data as a given type. Integers convert between {@link Long},
         * {@link Integer}, {@link Short}, {@link Byte} and {@link BigInteger} when the value
         * fits; nothing else converts.
         *
         * @param <T> the type
         * @param type the class asked for, not a primitive class
         * @return the data, null when the token carries {@code nil}
         * @throws IllegalStateException when the token did not verify
         * @throws IllegalArgumentException when the type is a primitive class
         * @throws TokenException when the data is not of that type or does not fit it
         */
        public <T> T dataAs(Class<T> type) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("ask for " + type.getName() + " boxed,"
                        + " for example Long.class instead of long.class");
            }
            Object value = data();
            if (value == null || type.isInstance(value)) {
                return type.cast(value);
            }
            Object converted = convertInteger(value, type);
            if (converted == null) {
                throw new TokenException("the token's data is a " + value.getClass().getName()
                        + ", not a " + type.getName() + " (or does not fit one); verify with"
                        + " the type it was signed with");
            }
            return type.cast(converted);
        }

        /**
         * The data, when the token verified and carries something.
         *
         * @return the data, or empty when the token did not verify or carries {@code nil}
         */
        public Optional<Object> value() {
            return failure == null ? Optional.ofNullable(data) : Optional.empty();
        }

        /**
         * The data as a given type, when the token verified and carries something.
         *
         * @param <T> the type
         * @param type the class asked for; see {@link #dataAs(Class)}
         * @return the data, or empty when the token did not verify or carries {@code nil}
         * @throws TokenException when the token verified but its data is not of that type
         */
        public <T> Optional<T> value(Class<T> type) {
            return failure == null ? Optional.ofNullable(dataAs(type)) : Optional.empty();
        }

        /**
         * Applies a function to the data when the token verified, as
         * {@link Optional#map(Function)} does.
         *
         * @param <R> the result type
         * @param mapper called with the data (never null), at most once, on this thread
         * @return the function's result, or empty when the token did not verify, carries
         *     {@code nil}, or the function returned null
         */
        public <R> Optional<R> map(Function<Object, ? extends R> mapper) {
            return value().map(mapper);
        }

        @Override
        public String toString() {
            return failure == null ? "Verified[ok]" : "Verified[" + failure.reason() + "]";
        }

        private static Object convertInteger(Object value, Class<?> type) {
            BigInteger integer;
            if (value instanceof Long number) {
                integer = BigInteger.valueOf(number);
            } else if (value instanceof BigInteger number) {
                integer = number;
            } else {
                return null;
            }
            int bits = integer.bitLength();
            if (type == BigInteger.class) {
                return integer;
            } else if (type == Long.class && bits < 64) {
                return integer.longValue();
            } else if (type == Integer.class && bits < 32) {
                return integer.intValue();
            } else if (type == Short.class && bits < 16) {
                return integer.shortValue();
            } else if (type == Byte.class && bits < 8) {
                return integer.byteValue();
            }
            return null;
        }
    }
}
