package dev.channels.core.internal.token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * A token's max age and Phoenix's expiry rule for it. It is either infinite (the atom
 * {@code infinity}) or a number of seconds, integral or not, as embedded in the token and as
 * given to verify. Arithmetic is exact (no overflow) so even absurd values behave as in
 * Erlang. Immutable.
 */
public final class MaxAge {

    /** Phoenix's default, one day. */
    public static final MaxAge DEFAULT = new MaxAge(86_400L);

    /** Never expires. */
    public static final MaxAge INFINITY = new MaxAge(Atom.INFINITY);

    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    /** {@link Atom#INFINITY}, a {@link Long}, a {@link BigInteger} or a {@link Double}. */
    private final Object term;

    private MaxAge(Object term) {
        this.term = term;
    }

    /** What the expiry rule says about a token. */
    public enum Verdict {
        /** The token may be used. */
        OK,
        /** The token claims to be signed in the future. */
        INVALID,
        /** The token is too old, or the max age is not positive. */
        EXPIRED
    }

    /**
     * A max age in seconds: whole seconds embed as an integer, anything finer as a float
     * ({@code 100 ms} is {@code 0.1}), as a Phoenix user would write it.
     *
     * @param duration the duration, any sign
     * @return the max age
     */
    public static MaxAge of(Duration duration) {
        if (duration.getNano() == 0) {
            return new MaxAge(duration.getSeconds());
        }
        return new MaxAge(duration.getSeconds() + duration.getNano() / 1e9);
    }

    /**
     * Reads the max age embedded in a token.
     *
     * @param term a raw term
     * @return the max age, or empty when the term is neither a number nor {@code infinity}
     */
    public static Optional<MaxAge> fromTerm(Object term) {
        boolean number = term instanceof Long || term instanceof BigInteger
                || term instanceof Double;
        if (number || Atom.INFINITY.equals(term)) {
            return Optional.of(new MaxAge(term));
        }
        return Optional.empty();
    }

    /**
     * The term to embed in a token.
     *
     * @return {@link Atom#INFINITY} or a number of seconds
     */
    public Object term() {
        return term;
    }

    /**
     * Applies Phoenix's rule: infinite is ok; a max age of zero or less is expired; a token
     * signed after {@code now} is invalid; a token whose {@code signed + trunc(max age *
     * 1000)} is before {@code now} is expired; otherwise ok.
     *
     * @param signedMs when the token was signed, Unix milliseconds
     * @param nowMs the current time, Unix milliseconds
     * @return the verdict
     */
    public Verdict check(BigInteger signedMs, long nowMs) {
        if (term instanceof Atom) {
            return Verdict.OK;
        }
        if (signum() <= 0) {
            return Verdict.EXPIRED;
        }
        BigInteger now = BigInteger.valueOf(nowMs);
        if (signedMs.compareTo(now) > 0) {
            return Verdict.INVALID;
        }
        Optional<BigInteger> millis = millis();
        if (millis.isPresent() && signedMs.add(millis.get()).compareTo(now) < 0) {
            return Verdict.EXPIRED;
        }
        return Verdict.OK;
    }

    private int signum() {
        if (term instanceof Double seconds) {
            return (int) Math.signum(seconds);
        }
        if (term instanceof Long seconds) {
            return Long.signum(seconds);
        }
        return ((BigInteger) term).signum();
    }

    /** {@code trunc(seconds * 1000)}; empty when the float product overflows. */
    private Optional<BigInteger> millis() {
        if (term instanceof Double seconds) {
            double product = seconds * 1000;
            if (Double.isInfinite(product)) {
                return Optional.empty();
            }
            return Optional.of(new BigDecimal(product).toBigInteger());
        }
        if (term instanceof Long seconds) {
            return Optional.of(BigInteger.valueOf(seconds).multiply(THOUSAND));
        }
        return Optional.of(((BigInteger) term).multiply(THOUSAND));
    }

    @Override
    public String toString() {
        return term instanceof Atom ? "infinity" : term + " s";
    }
}
