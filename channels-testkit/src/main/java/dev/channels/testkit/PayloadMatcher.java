package dev.channels.testkit;

import dev.channels.Payload;

/**
 * A test's expectation of a payload that is not one exact value: a subset of fields, the
 * presence of keys, or any predicate. Made by {@link Payloads}; accepted wherever an
 * assertion takes an expected payload.
 *
 * <p>Implementations are immutable and say what they expect in {@link Object#toString()}, which
 * failure messages show.
 */
public interface PayloadMatcher {

    /**
     * Whether a received payload meets this expectation. Called on the test thread, possibly
     * several times per payload; must not throw.
     *
     * @param payload the payload as the client received it (JSON or binary)
     * @return true when it matches
     */
    boolean matches(Payload payload);
}
