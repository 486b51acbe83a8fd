package dev.channels.core.internal.json;

import dev.channels.Binary;
import dev.channels.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A payload encoded once, ready to be spliced into frames of any serializer: JSON text with
 * sorted keys, or raw bytes. Keeps the original value for callbacks that read it
 * ({@code handleOut}), decoding lazily when it came from another node.
 */
public final class EncodedPayload {

    /** The empty object {@code {}}. */
    public static final EncodedPayload EMPTY_OBJECT = new EncodedPayload("{}", null, null);

    private final String json;
    private final byte[] binary;
    private volatile Payload decoded;

    private EncodedPayload(String json, byte[] binary, Payload decoded) {
        this.json = json;
        this.binary = binary;
        this.decoded = decoded;
    }

    /**
     * Encodes a host value: a {@link Binary} stays raw, anything else becomes JSON text.
     *
     * @param value the value
     * @return the encoded payload
     * @throws IllegalArgumentException when the value cannot be encoded
     */
    public static EncodedPayload of(Object value) {
        if (value instanceof EncodedPayload) {
            return (EncodedPayload) value;
        }
        if (value instanceof Binary) {
            return new EncodedPayload(null, ((Binary) value).bytes(), null);
        }
        if (value instanceof JsonPayload && ((JsonPayload) value).isBinary()) {
            return new EncodedPayload(null, ((JsonPayload) value).binary().bytes(),
                    (Payload) value);
        }
        Payload decoded = value instanceof JsonPayload ? (Payload) value : null;
        return new EncodedPayload(Json.encode(value), null, decoded);
    }

    /**
     * Wraps JSON text that is already encoded (from another node).
     *
     * @param json the JSON text
     * @return the encoded payload
     */
    public static EncodedPayload ofJson(String json) {
        return new EncodedPayload(Objects.requireNonNull(json, "json"), null, null);
    }

    /**
     * Wraps raw bytes; the array must not change afterwards.
     *
     * @param bytes the bytes
     * @return the encoded payload
     */
    public static EncodedPayload ofBinary(byte[] bytes) {
        return new EncodedPayload(null, Objects.requireNonNull(bytes, "bytes"), null);
    }

    /**
     * Whether the payload is raw bytes.
     *
     * @return true for binary
     */
    public boolean isBinary() {
        return binary != null;
    }

    /**
     * Whether the JSON text is an object ({@code {…}}), as pushes and broadcasts require.
     *
     * @return true for an object or a binary payload
     */
    public boolean isObjectOrBinary() {
        return binary != null || json.startsWith("{");
    }

    /**
     * The JSON text.
     *
     * @return the text
     * @throws IllegalStateException for a binary payload
     */
    public String json() {
        if (json == null) {
            throw new IllegalStateException("binary payload has no JSON text");
        }
        return json;
    }

    /**
     * The raw bytes; the array is shared, do not change it.
     *
     * @return the bytes
     * @throws IllegalStateException for a JSON payload
     */
    public byte[] binary() {
        if (binary == null) {
            throw new IllegalStateException("JSON payload has no raw bytes");
        }
        return binary;
    }

    /**
     * The payload as callbacks read it, decoded on first use.
     *
     * @return the payload
     */
    public Payload payload() {
        Payload result = decoded;
        if (result == null) {
            result = binary != null ? JsonPayload.ofBinary(binary) : JsonPayload.parse(json);
            decoded = result;
        }
        return result;
    }

    /**
     * The encoded bytes to carry between nodes: UTF-8 JSON or the raw bytes.
     *
     * @return the bytes; shared, do not change them
     */
    public byte[] wireBytes() {
        return binary != null ? binary : json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return binary != null ? "binary(" + binary.length + " bytes)" : json;
    }
}
