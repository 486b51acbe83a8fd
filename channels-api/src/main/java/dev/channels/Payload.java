package dev.channels;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message payload: any JSON value, or raw bytes. Payloads that reach a channel from a
 * client are untrusted input; every typed accessor fails with {@link PayloadException}
 * rather than return something of another shape, and the runtime turns that exception into
 * an error reply to the client.
 *
 * <pre>{@code
 * record NewMessage(String body) {}
 *
 * NewMessage message = payload.as(NewMessage.class);   // JSON object -> record
 * String body = payload.get("body").asText();          // one field, must be a string
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public interface Payload {

    /**
     * Whether this payload is raw bytes (a V2 binary frame) rather than JSON.
     *
     * @return true for a binary payload
     */
    boolean isBinary();

    /**
     * The raw bytes of a binary payload.
     *
     * @return the bytes
     * @throws PayloadException when the payload is JSON
     */
    Binary binary();

    /**
     * Converts the JSON payload to a type, the way Jackson binds JSON: objects to records,
     * beans and maps, arrays to lists, and so on. Unknown fields are ignored.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the converted value, null for a JSON {@code null}
     * @throws PayloadException when the payload is binary or does not fit the type
     */
    <T> T as(Class<T> type);

    /**
     * One field of a JSON object payload.
     *
     * @param field the field name
     * @return the field's value as a payload
     * @throws PayloadException when the payload is not an object or lacks the field
     */
    Payload get(String field);

    /**
     * One field of a JSON object payload, when present and not {@code null}.
     *
     * @param field the field name
     * @return the field's value, or empty
     * @throws PayloadException when the payload is not an object
     */
    Optional<Payload> find(String field);

    /**
     * The value as a string.
     *
     * @return the string
     * @throws PayloadException when the value is not a JSON string
     */
    String asText();

    /**
     * The value as a long integer.
     *
     * @return the number
     * @throws PayloadException when the value is not a JSON integer that fits a long
     */
    long asLong();

    /**
     * The value as a boolean.
     *
     * @return the boolean
     * @throws PayloadException when the value is not a JSON boolean
     */
    boolean asBoolean();

    /**
     * Whether the value is a JSON object.
     *
     * @return true for an object
     */
    boolean isObject();

    /**
     * Whether the value is JSON {@code null}.
     *
     * @return true for null
     */
    boolean isNull();

    /**
     * The value as plain Java: {@link Map} (string keys, in arrival order), {@link List},
     * {@link String}, {@link Number}, {@link Boolean}, null, or {@link Binary}.
     *
     * @return the plain value
     */
    Object value();

    /**
     * The payload as compact JSON text; for a binary payload, a description of it.
     *
     * @return the JSON text
     */
    String toJson();
}
