package dev.channels.core.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.channels.Binary;
import dev.channels.Payload;

/**
 * The one JSON configuration of the runtime, matching what Phoenix (Jason) writes: no
 * whitespace, object keys sorted (maps, beans, records and parsed objects alike), nulls kept.
 */
public final class Json {

    /** Nesting limit for client JSON; deeper input is an invalid frame. */
    public static final int MAX_DEPTH = 128;

    /** The shared mapper. Thread-safe; never reconfigure it. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    private Json() {
    }

    /**
     * Appends a JSON string literal (quotes included) to a builder.
     *
     * @param out where to append
     * @param value the string, or null for {@code null}
     * @return the builder
     */
    public static StringBuilder appendString(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        return out.append('"');
    }

    /**
     * Encodes a host value to compact JSON text with sorted keys.
     *
     * @param value a map, record, bean, list, {@link JsonNode}, {@link Payload}, string,
     *     number, boolean or null
     * @return the JSON text
     * @throws IllegalArgumentException when the value cannot be encoded
     */
    public static String encode(Object value) {
        if (value instanceof Binary) {
            throw new IllegalArgumentException("a Binary payload has no JSON form");
        }
        if (value instanceof JsonPayload) {
            return ((JsonPayload) value).toJson();
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
