package dev.channels.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.channels.Binary;
import dev.channels.Payload;
import dev.channels.core.internal.testing.TestSupport;
import dev.channels.testkit.PayloadMatcher;
import java.util.Comparator;

/**
 * Compares an expected value with a payload the way a client sees both: the expected value is
 * encoded as the runtime encodes payloads (records and maps become objects, keys strings),
 * numbers compare by value ({@code 7} equals {@code 7L} and {@code 7.0}).
 */
public final class JsonMatch {

    private static final Comparator<JsonNode> SAME_JSON = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonMatch() {
    }

    /**
     * Whether a payload matches what a test expects.
     *
     * @param expected a {@link PayloadMatcher}, a {@link Binary}, or any value compared as JSON
     * @param actual the payload received
     * @return true when it matches
     */
    public static boolean matches(Object expected, Payload actual) {
        if (expected instanceof PayloadMatcher) {
            return ((PayloadMatcher) expected).matches(actual);
        }
        if (expected instanceof Binary) {
            return actual.isBinary() && actual.binary().equals(expected);
        }
        if (actual.isBinary()) {
            return false;
        }
        return sameJson(TestSupport.tree(TestSupport.payload(expected)),
                TestSupport.tree(actual));
    }

    /**
     * Whether two JSON values are equal, numbers compared by value.
     *
     * @param expected the expected tree
     * @param actual the actual tree
     * @return true when equal
     */
    public static boolean sameJson(JsonNode expected, JsonNode actual) {
        return expected.equals(SAME_JSON, actual);
    }

    /**
     * Describes what a test expects, for failure messages.
     *
     * @param expected a {@link PayloadMatcher}, a {@link Binary}, or any value
     * @return the description: the matcher's own, or the expected JSON
     */
    public static String describe(Object expected) {
        if (expected instanceof PayloadMatcher || expected instanceof Binary) {
            return String.valueOf(expected);
        }
        try {
            return TestSupport.payload(expected).toJson();
        } catch (RuntimeException e) {
            return String.valueOf(expected);
        }
    }

    /**
     * Checks early that an expected value can be compared as JSON, so that a mistake in the
     * test fails with its cause rather than as a payload that never matched.
     *
     * @param expected the expected value
     * @return the value
     * @throws IllegalArgumentException when it cannot be encoded as JSON
     */
    public static Object checked(Object expected) {
        if (!(expected instanceof PayloadMatcher) && !(expected instanceof Binary)) {
            TestSupport.payload(expected);
        }
        return expected;
    }
}
