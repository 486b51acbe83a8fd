package dev.channels.core.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.channels.Binary;
import dev.channels.Payload;
import dev.channels.PayloadException;
import java.util.Objects;
import java.util.Optional;

/** The runtime's {@link Payload}: a parsed JSON tree or raw bytes. Immutable by contract. */
public final class JsonPayload implements Payload {

    private final JsonNode node;
    private final byte[] bytes;

    private JsonPayload(JsonNode node, byte[] bytes) {
        this.node = node;
        this.bytes = bytes;
    }

    /**
     * Wraps a parsed JSON value; the tree must not change afterwards.
     *
     * @param node the value
     * @return the payload
     */
    public static JsonPayload of(JsonNode node) {
        return new JsonPayload(node == null ? NullNode.getInstance() : node, null);
    }

    /**
     * Wraps raw bytes; the array must not change afterwards.
     *
     * @param bytes the bytes
     * @return the payload
     */
    public static JsonPayload ofBinary(byte[] bytes) {
        return new JsonPayload(null, Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Parses JSON text.
     *
     * @param json the text
     * @return the payload
     * @throws PayloadException when the text is not JSON
     */
    public static JsonPayload parse(String json) {
        try {
            return of(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new PayloadException("payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts any host value (map, record, list…) to a payload, as a client would see it.
     *
     * @param value the value, or a {@link Binary}
     * @return the payload
     */
    public static JsonPayload from(Object value) {
        if (value instanceof JsonPayload) {
            return (JsonPayload) value;
        }
        if (value instanceof Binary) {
            return ofBinary(((Binary) value).bytes());
        }
        if (value instanceof EncodedPayload) {
            return (JsonPayload) ((EncodedPayload) value).payload();
        }
        return of(Json.MAPPER.valueToTree(value));
    }

    /**
     * The JSON tree; do not change it.
     *
     * @return the tree
     * @throws PayloadException for a binary payload
     */
    public JsonNode node() {
        if (node == null) {
            throw new PayloadException("expected a JSON payload, got binary");
        }
        return node;
    }

    @Override
    public boolean isBinary() {
        return bytes != null;
    }

    @Override
    public Binary binary() {
        if (bytes == null) {
            throw new PayloadException("expected a binary payload, got JSON");
        }
        return Binary.of(bytes);
    }

    @Override
    public <T> T as(Class<T> type) {
        JsonNode json = node();
        if (type == JsonNode.class || type == Object.class && json.isContainerNode()) {
            return type.cast(type == JsonNode.class ? json : value());
        }
        try {
            return Json.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException
                    ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
            throw new PayloadException("payload does not fit " + type.getSimpleName()
                    + ": " + why, e);
        }
    }

    @Override
    public Payload get(String field) {
        JsonNode value = object().get(field);
        if (value == null) {
            throw new PayloadException("payload has no field \"" + field + "\"");
        }
        return of(value);
    }

    @Override
    public Optional<Payload> find(String field) {
        JsonNode value = object().get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(of(value));
    }

    private JsonNode object() {
        JsonNode json = node();
        if (!json.isObject()) {
            throw new PayloadException("expected a JSON object, got " + kind(json));
        }
        return json;
    }

    @Override
    public String asText() {
        JsonNode json = node();
        if (!json.isTextual()) {
            throw new PayloadException("expected a string, got " + kind(json));
        }
        return json.textValue();
    }

    @Override
    public long asLong() {
        JsonNode json = node();
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            throw new PayloadException("expected an integer, got " + kind(json));
        }
        return json.longValue();
    }

    @Override
    public boolean asBoolean() {
        JsonNode json = node();
        if (!json.isBoolean()) {
            throw new PayloadException("expected a boolean, got " + kind(json));
        }
        return json.booleanValue();
    }

    @Override
    public boolean isObject() {
        return node != null && node.isObject();
    }

    @Override
    public boolean isNull() {
        return node != null && node.isNull();
    }

    @Override
    public Object value() {
        if (bytes != null) {
            return Binary.of(bytes);
        }
        return Json.MAPPER.convertValue(node, Object.class);
    }

    @Override
    public String toJson() {
        if (bytes != null) {
            return "<binary " + bytes.length + " bytes>";
        }
        return Json.encode(node);
    }

    private static String kind(JsonNode json) {
        return json.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JsonPayload)) {
            return false;
        }
        JsonPayload that = (JsonPayload) other;
        return bytes != null ? java.util.Arrays.equals(bytes, that.bytes)
                : that.node != null && node.equals(that.node);
    }

    @Override
    public int hashCode() {
        return bytes != null ? java.util.Arrays.hashCode(bytes) : node.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
