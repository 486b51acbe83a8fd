package dev.channels.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.channels.Payload;
import dev.channels.core.internal.testing.TestSupport;
import dev.channels.testkit.internal.JsonMatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Partial expectations for payloads that carry ids, timestamps or more than a test cares
 * about, the counterpart of a pattern such as {@code %{"body" => "hi"}} or
 * {@code %{"id" => _}} in Phoenix's {@code assert_push}.
 *
 * <pre>{@code
 * room.assertPush("new_msg", having("body", "hello"));                  // other fields ignored
 * room.assertReply(ref, "ok", having(Map.of("id", anything(), "body", "hello")));
 * room.assertPush("presence_state", withKeys("u7"));
 * kit.assertBroadcast("tick", matching("a positive count", p -> p.get("n").asLong() > 0));
 * }</pre>
 *
 * <p>Field values compare as JSON, exactly as whole payloads do, unless the value is itself a
 * {@link PayloadMatcher}: nest {@code having(...)} to match part of a nested object.
 */
public final class Payloads {

    private static final PayloadMatcher ANYTHING = new PayloadMatcher() {
        @Override
        public boolean matches(Payload payload) {
            return true;
        }

        @Override
        public String toString() {
            return "anything";
        }
    };

    private Payloads() {
    }

    /**
     * Matches every payload: a JSON value of any shape, or binary. As a field value of
     * {@link #having(Map)}, requires the field to be present, with any value (even null).
     *
     * @return the matcher
     */
    public static PayloadMatcher anything() {
        return ANYTHING;
    }

    /**
     * Matches a JSON object that has this field with this value; other fields are ignored.
     *
     * @param field the field name
     * @param value the expected value, compared as JSON, or a {@link PayloadMatcher}
     * @return the matcher
     */
    public static PayloadMatcher having(String field, Object value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(Objects.requireNonNull(field, "field"), value);
        return having(fields);
    }

    /**
     * Matches a JSON object that has at least these fields with these values; other fields
     * are ignored. A null value expects the field to be present and JSON {@code null}.
     *
     * @param fields the expected fields; values compared as JSON, or {@link PayloadMatcher}s
     * @return the matcher
     * @throws IllegalArgumentException when a value cannot be encoded as JSON
     */
    public static PayloadMatcher having(Map<String, ?> fields) {
        Map<String, Object> expected = new LinkedHashMap<>(fields);
        expected.values().forEach(JsonMatch::checked);
        String description = expected.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + JsonMatch.describe(e.getValue()))
                .collect(Collectors.joining(", ", "having {", ", …}"));
        return described(description, payload -> {
            if (payload.isBinary() || !payload.isObject()) {
                return false;
            }
            JsonNode object = TestSupport.tree(payload);
            for (Map.Entry<String, Object> field : expected.entrySet()) {
                JsonNode value = object.get(field.getKey());
                if (value == null
                        || !JsonMatch.matches(field.getValue(), TestSupport.payload(value))) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Matches a JSON object that has every one of these keys, whatever their values; for
     * example the user ids of a {@code presence_state}.
     *
     * @param fields the field names
     * @return the matcher
     */
    public static PayloadMatcher withKeys(String... fields) {
        List<String> keys = List.of(fields);
        return described("with keys " + keys, payload -> !payload.isBinary()
                && payload.isObject() && keys.stream().allMatch(TestSupport.tree(payload)::has));
    }

    /**
     * Matches the payloads a predicate accepts. A predicate that throws (for example a
     * {@link dev.channels.PayloadException} from {@code payload.get("id")}) does not match.
     *
     * @param description what the predicate expects, for failure messages
     * @param predicate the test, given the payload as the client received it
     * @return the matcher
     */
    public static PayloadMatcher matching(String description,
            Predicate<? super Payload> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return described(Objects.requireNonNull(description, "description"), payload -> {
            try {
                return predicate.test(payload);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static PayloadMatcher described(String description, Predicate<Payload> test) {
        return new PayloadMatcher() {
            @Override
            public boolean matches(Payload payload) {
                return test.test(payload);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
