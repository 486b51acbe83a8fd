package dev.channels.core.internal.serializer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.json.Json;
import dev.channels.core.internal.json.JsonPayload;
import dev.channels.spi.transport.OutboundFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The legacy V1 format, {@code vsn=1.0.0} or no {@code vsn} at all (PROTOCOL.md §2.3).
 *
 * <p>Client frames are JSON objects with the keys {@code topic}, {@code event},
 * {@code payload} and {@code ref} (present, possibly null) and an optional {@code join_ref};
 * other keys are ignored. Server frames are {@code {"event":…,"payload":…,"ref":…,"topic":…}}
 * with the keys in that order and never a {@code join_ref}, whatever join ref the caller
 * passes. Payloads of any JSON type are written as given.
 *
 * <p>V1 has no binary frames: {@link #decodeBinary} throws a {@link FrameException} with
 * close code 1003, and encoding a binary payload throws {@link IllegalArgumentException}.
 *
 * <p>Stateless and thread-safe; use {@link Serializers#V1}.
 */
public final class V1JsonSerializer implements Serializer {

    /** The version this serializer speaks. */
    public static final String VSN = "1.0.0";

    V1JsonSerializer() {
    }

    @Override
    public String vsn() {
        return VSN;
    }

    @Override
    public InboundMessage decodeText(String frame) throws FrameException {
        Objects.requireNonNull(frame, "frame");
        try (JsonParser parser = Json.MAPPER.createParser(frame)) {
            return readFrame(parser);
        } catch (IOException | RuntimeException e) {
            throw Frames.malformedJson(e);
        }
    }

    /**
     * Reads the object's fields in one pass. A header field of the wrong type is refused as
     * soon as it is seen, even if a duplicate key later in the object would replace it.
     */
    private static InboundMessage readFrame(JsonParser parser)
            throws IOException, FrameException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw Frames.invalid("expected a JSON object, got " + JsonFields.describe(first));
        }
        String joinRef = null;
        String ref = null;
        boolean hasRef = false;
        String topic = null;
        String event = null;
        JsonNode payload = null;

        String key = parser.nextFieldName();
        while (key != null) {
            JsonToken token = parser.nextToken();
            switch (key) {
                case "join_ref":
                    joinRef = JsonFields.ref(parser, token, "join_ref");
                    break;
                case "ref":
                    ref = JsonFields.ref(parser, token, "ref");
                    hasRef = true;
                    break;
                case "topic":
                    topic = JsonFields.name(parser, token, "topic");
                    break;
                case "event":
                    event = JsonFields.name(parser, token, "event");
                    break;
                case "payload":
                    payload = Json.MAPPER.readTree(parser);
                    break;
                default:
                    parser.skipChildren();
                    break;
            }
            key = parser.nextFieldName();
        }
        requireEndOfObject(parser);

        requireKey(topic != null, "topic");
        requireKey(event != null, "event");
        requireKey(payload != null, "payload");
        requireKey(hasRef, "ref");
        return new InboundMessage(joinRef, ref, topic, event, JsonPayload.of(payload));
    }

    private static void requireEndOfObject(JsonParser parser) throws IOException, FrameException {
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw Frames.invalid("JSON ends early");
        }
        if (parser.nextToken() != null) {
            throw Frames.invalid("data after the JSON object");
        }
    }

    private static void requireKey(boolean present, String key) throws FrameException {
        if (!present) {
            throw Frames.invalid("missing key \"" + key + "\"");
        }
    }

    @Override
    public InboundMessage decodeBinary(ByteBuffer frame) throws FrameException {
        throw Frames.unsupported("binary frames need vsn 2.0.0");
    }

    @Override
    public OutboundFrame message(String joinRef, String ref, String topic, String event,
            EncodedPayload payload) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        String json = json(payload);
        StringBuilder out = new StringBuilder(capacity(ref, topic, event, json) + 40);
        out.append("{\"event\":");
        Json.appendString(out, event);
        out.append(",\"payload\":").append(json);
        return OutboundFrame.text(end(out, ref, topic));
    }

    @Override
    public OutboundFrame reply(String joinRef, String ref, String topic, String status,
            EncodedPayload response) {
        Objects.requireNonNull(topic, "topic");
        String json = json(response);
        StringBuilder out = new StringBuilder(capacity(ref, topic, status, json) + 80);
        out.append("{\"event\":\"phx_reply\",\"payload\":{\"response\":").append(json)
                .append(",\"status\":");
        Json.appendString(out, status).append('}');
        return OutboundFrame.text(end(out, ref, topic));
    }

    @Override
    public OutboundFrame broadcast(String topic, String event, EncodedPayload payload) {
        return message(null, null, topic, event, payload);
    }

    private static String json(EncodedPayload payload) {
        if (payload.isBinary()) {
            throw new IllegalArgumentException("binary payloads need vsn 2.0.0; this socket"
                    + " speaks vsn 1.0.0, which only carries JSON");
        }
        return payload.json();
    }

    private static String end(StringBuilder out, String ref, String topic) {
        out.append(",\"ref\":");
        Json.appendString(out, ref).append(",\"topic\":");
        Json.appendString(out, topic);
        return out.append('}').toString();
    }

    private static int capacity(String ref, String topic, String event, String payload) {
        return (ref == null ? 4 : ref.length()) + topic.length()
                + (event == null ? 4 : event.length()) + payload.length();
    }
}
