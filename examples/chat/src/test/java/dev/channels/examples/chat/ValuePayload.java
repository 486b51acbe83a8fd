package dev.channels.examples.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.Binary;
import dev.channels.Payload;
import dev.channels.PayloadException;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written {@link Payload} over plain Java values (maps, lists, strings, numbers,
 * booleans, null, or a {@link Binary}), for unit tests of the plain classes; it follows the
 * interface's contract: typed accessors throw {@link PayloadException} on another shape.
 */
final class ValuePayload implements Payload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Object value;

    private ValuePayload(Object value) {
        this.value = value;
    }

    static Payload of(Object value) {
        return new ValuePayload(value);
    }

    @Override
    public boolean isBinary() {
        return value instanceof Binary;
    }

    @Override
    public Binary binary() {
        if (value instanceof Binary bytes) {
            return bytes;
        }
        throw new PayloadException("not binary: " + toJson());
    }

    @Override
    public <T> T as(Class<T> type) {
        if (isBinary()) {
            throw new PayloadException("binary, not JSON");
        }
        try {
            return JSON.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new PayloadException("does not fit " + type.getSimpleName(), e);
        }
    }

    @Override
    public Payload get(String field) {
        if (!object().containsKey(field)) {
            throw new PayloadException("no field " + field);
        }
        return of(object().get(field));
    }

    @Override
    public Optional<Payload> find(String field) {
        return Optional.ofNullable(object().get(field)).map(ValuePayload::of);
    }

    private Map<?, ?> object() {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new PayloadException("not an object: " + toJson());
    }

    @Override
    public String asText() {
        if (value instanceof String text) {
            return text;
        }
        throw new PayloadException("not a string: " + toJson());
    }

    @Override
    public long asLong() {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new PayloadException("not an integer: " + toJson());
    }

    @Override
    public boolean asBoolean() {
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new PayloadException("not a boolean: " + toJson());
    }

    @Override
    public boolean isObject() {
        return value instanceof Map;
    }

    @Override
    public boolean isNull() {
        return value == null;
    }

    @Override
    public Object value() {
        return value;
    }

    @Override
    public String toJson() {
        if (isBinary()) {
            return value.toString();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
