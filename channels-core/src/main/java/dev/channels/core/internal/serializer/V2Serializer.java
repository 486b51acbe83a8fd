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
 * The V2 format, {@code vsn=2.0.0}, the one phoenix.js speaks (PROTOCOL.md §2.2, §2.4).
 *
 * <p>Text frames are JSON arrays {@code [join_ref, ref, topic, event, payload]}, written with
 * no whitespace. A client frame may carry extra trailing elements, which are checked for
 * valid JSON and ignored; its payload may be any JSON value. Binary payloads give the binary
 * frames of §2.4, and binary client frames decode as pushes.
 *
 * <p>As in Phoenix, a pushed or broadcast JSON payload must be an object: anything else
 * throws {@link IllegalArgumentException}. A reply's response may be any JSON value.
 *
 * <p>Stateless and thread-safe; use {@link Serializers#V2}.
 */
public final class V2Serializer implements Serializer {

    /** The version this serializer speaks. */
    public static final String VSN = "2.0.0";

    /** Elements a client frame must have: join_ref, ref, topic, event, payload. */
    private static final int ELEMENTS = 5;

    V2Serializer() {
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

    private static InboundMessage readFrame(JsonParser parser)
            throws IOException, FrameException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_ARRAY) {
            throw Frames.invalid("expected a JSON array, got " + JsonFields.describe(first));
        }
        String joinRef = JsonFields.ref(parser, element(parser, 0), "join_ref");
        String ref = JsonFields.ref(parser, element(parser, 1), "ref");
        String topic = JsonFields.name(parser, element(parser, 2), "topic");
        String event = JsonFields.name(parser, element(parser, 3), "event");
        element(parser, ELEMENTS - 1);
        JsonNode payload = Json.MAPPER.readTree(parser);

        skipExtraElements(parser);
        if (parser.nextToken() != null) {
            throw Frames.invalid("data after the JSON array");
        }
        return new InboundMessage(joinRef, ref, topic, event, JsonPayload.of(payload));
    }

    private static JsonToken element(JsonParser parser, int index)
            throws IOException, FrameException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            throw Frames.invalid("array has " + index + " elements, expected " + ELEMENTS);
        }
        if (token == null) {
            throw Frames.invalid("JSON ends early");
        }
        return token;
    }

    private static void skipExtraElements(JsonParser parser) throws IOException, FrameException {
        JsonToken token = parser.nextToken();
        while (token != JsonToken.END_ARRAY) {
            if (token == null) {
                throw Frames.invalid("JSON ends early");
            }
            parser.skipChildren();
            token = parser.nextToken();
        }
    }

    @Override
    public InboundMessage decodeBinary(ByteBuffer frame) throws FrameException {
        Objects.requireNonNull(frame, "frame");
        return BinaryFrames.decode(frame);
    }

    @Override
    public OutboundFrame message(String joinRef, String ref, String topic, String event,
            EncodedPayload payload) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        if (payload.isBinary()) {
            return OutboundFrame.binary(
                    BinaryFrames.push(joinRef, topic, event, payload.binary()));
        }
        requireObject(payload, "pushed");
        return OutboundFrame.text(array(joinRef, ref, topic, event, payload.json()));
    }

    @Override
    public OutboundFrame reply(String joinRef, String ref, String topic, String status,
            EncodedPayload response) {
        Objects.requireNonNull(topic, "topic");
        if (response.isBinary()) {
            return OutboundFrame.binary(
                    BinaryFrames.reply(joinRef, ref, topic, status, response.binary()));
        }
        String json = response.json();
        StringBuilder out = new StringBuilder(capacity(joinRef, ref, topic, status, json) + 40);
        start(out, joinRef, ref, topic, "phx_reply");
        out.append(",{\"response\":").append(json).append(",\"status\":");
        Json.appendString(out, status);
        return OutboundFrame.text(out.append("}]").toString());
    }

    @Override
    public OutboundFrame broadcast(String topic, String event, EncodedPayload payload) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(event, "event");
        if (payload.isBinary()) {
            return OutboundFrame.binary(BinaryFrames.broadcast(topic, event, payload.binary()));
        }
        requireObject(payload, "broadcast");
        return OutboundFrame.text(array(null, null, topic, event, payload.json()));
    }

    private static void requireObject(EncodedPayload payload, String what) {
        if (!payload.isObjectOrBinary()) {
            throw new IllegalArgumentException("a " + what + " payload must be a JSON object or"
                    + " binary with vsn 2.0.0, got " + abbreviate(payload.json()));
        }
    }

    private static String abbreviate(String json) {
        if (json.length() <= 40) {
            return json;
        }
        int end = Character.isHighSurrogate(json.charAt(39)) ? 39 : 40;
        return json.substring(0, end) + "...";
    }

    private static String array(String joinRef, String ref, String topic, String event,
            String payload) {
        StringBuilder out = new StringBuilder(capacity(joinRef, ref, topic, event, payload));
        start(out, joinRef, ref, topic, event);
        return out.append(',').append(payload).append(']').toString();
    }

    private static void start(StringBuilder out, String joinRef, String ref, String topic,
            String event) {
        out.append('[');
        Json.appendString(out, joinRef).append(',');
        Json.appendString(out, ref).append(',');
        Json.appendString(out, topic).append(',');
        Json.appendString(out, event);
    }

    /** Room for the strings, their quotes and separators, and a little escaping. */
    private static int capacity(String joinRef, String ref, String topic, String event,
            String payload) {
        return 32 + length(joinRef) + length(ref) + topic.length() + length(event)
                + payload.length();
    }

    private static int length(String value) {
        return value == null ? 4 : value.length();
    }
}
