package dev.channels.core.internal.token;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * What a Phoenix token carries: the data, when it was signed (Unix milliseconds) and the max
 * age it was signed with. Encoded as {@code term_to_binary({data, signed_at_ms, max_age})};
 * decoded from that shape or from the two legacy ones, {@code {data, signed}} and
 * {@code %{data: data, signed: signed}} (other map keys are ignored), both with the default
 * max age of one day. Immutable.
 *
 * @param data the data as plain Java (see {@link Etf#toPlain(Object)})
 * @param signedMs when the token was signed, Unix milliseconds
 * @param maxAge the embedded max age
 */
public record Claims(Object data, BigInteger signedMs, MaxAge maxAge) {

    private static final Atom DATA = new Atom("data");
    private static final Atom SIGNED = new Atom("signed");

    /**
     * Encodes claims for a token.
     *
     * @param data the data, any value {@link Etf#encode} takes
     * @param signedMs when the token is signed, Unix milliseconds
     * @param maxAge the max age to embed
     * @return the ETF payload
     * @throws IllegalArgumentException when the data has no term form
     */
    public static byte[] encode(Object data, long signedMs, MaxAge maxAge) {
        return Etf.encode(Tuple.of(data, signedMs, maxAge.term()));
    }

    /**
     * Decodes the payload of a token whose MAC or tag was verified.
     *
     * @param payload ETF bytes
     * @return the claims, or empty when the bytes are not a well-formed term of one of the
     *     three shapes, the signing time is not an integer, or the max age is neither a
     *     number nor {@code infinity}
     */
    public static Optional<Claims> decode(byte[] payload) {
        Object term;
        try {
            term = Etf.decode(payload);
        } catch (EtfException e) {
            return Optional.empty();
        }
        if (term instanceof Tuple tuple && tuple.arity() == 3) {
            return MaxAge.fromTerm(tuple.get(2))
                    .flatMap(maxAge -> of(tuple.get(0), tuple.get(1), maxAge));
        }
        if (term instanceof Tuple tuple && tuple.arity() == 2) {
            return of(tuple.get(0), tuple.get(1), MaxAge.DEFAULT);
        }
        if (term instanceof Map<?, ?> map && map.containsKey(DATA) && map.containsKey(SIGNED)) {
            return of(map.get(DATA), map.get(SIGNED), MaxAge.DEFAULT);
        }
        return Optional.empty();
    }

    private static Optional<Claims> of(Object data, Object signed, MaxAge maxAge) {
        BigInteger signedMs;
        if (signed instanceof Long millis) {
            signedMs = BigInteger.valueOf(millis);
        } else if (signed instanceof BigInteger millis) {
            signedMs = millis;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Claims(Etf.toPlain(data), signedMs, maxAge));
    }
}
