package dev.channels.core.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.json.JsonPayload;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class V1JsonSerializerTest {

    private final Serializer v1 = Serializers.V1;

    private static EncodedPayload json(String text) {
        return EncodedPayload.ofJson(text);
    }

    private FrameException decodeFails(String frame) {
        return assertThrows(FrameException.class, () -> v1.decodeText(frame));
    }

    @Test
    void speaksVersionOne() {
        assertEquals("1.0.0", v1.vsn());
    }

    @Test
    void encodesAMessageWithSortedKeysAndNoJoinRef() {
        assertEquals("{\"event\":\"e\",\"payload\":\"m\",\"ref\":null,\"topic\":\"t\"}",
                v1.message(null, null, "t", "e", json("\"m\"")).text());
        assertEquals("{\"event\":\"e\",\"payload\":\"m\",\"ref\":null,\"topic\":\"t\"}",
                v1.message("5", null, "t", "e", json("\"m\"")).text());
    }

    @Test
    void encodesAReplyWithResponseBeforeStatus() {
        assertEquals("{\"event\":\"phx_reply\",\"payload\":{\"response\":null,\"status\":null},"
                + "\"ref\":\"null\",\"topic\":\"t\"}",
                v1.reply(null, "null", "t", null, json("null")).text());
        assertEquals("{\"event\":\"phx_reply\",\"payload\":{\"response\":{\"m\":1},"
                + "\"status\":\"ok\"},\"ref\":\"null\",\"topic\":\"t\"}",
                v1.reply(null, "null", "t", "ok", EncodedPayload.of(Map.of("m", 1))).text());
    }

    @Test
    void encodesTheReplyOfTheProtocolExample() {
        assertEquals("{\"event\":\"phx_reply\",\"payload\":{\"response\":{},\"status\":\"ok\"},"
                + "\"ref\":\"3\",\"topic\":\"room:v1\"}",
                v1.reply("3", "3", "room:v1", "ok", EncodedPayload.EMPTY_OBJECT).text());
    }

    @Test
    void encodesABroadcastLikeAMessage() {
        assertEquals("{\"event\":\"e\",\"payload\":\"m\",\"ref\":null,\"topic\":\"t\"}",
                v1.broadcast("t", "e", json("\"m\"")).text());
    }

    @Test
    void encodesCloseAndErrorWithTheRefItIsGiven() {
        assertEquals("{\"event\":\"phx_close\",\"payload\":{},\"ref\":null,\"topic\":\"room:v1\"}",
                v1.message(null, null, "room:v1", "phx_close", EncodedPayload.EMPTY_OBJECT)
                        .text());
        assertEquals("{\"event\":\"phx_error\",\"payload\":{\"reason\":\"channel_crash\"},"
                + "\"ref\":\"4\",\"topic\":\"r\"}",
                v1.message("4", "4", "r", "phx_error",
                        json("{\"reason\":\"channel_crash\"}")).text());
    }

    @Test
    void escapesHeaderStrings() {
        assertEquals("{\"event\":\"\\\"\",\"payload\":[],\"ref\":\"\\\\\",\"topic\":\"\\t\"}",
                v1.message(null, "\\", "\t", "\"", json("[]")).text());
    }

    @Test
    void refusesBinaryPayloads() {
        EncodedPayload bytes = EncodedPayload.ofBinary(new byte[] {1});

        assertThrows(IllegalArgumentException.class,
                () -> v1.message(null, null, "t", "e", bytes));
        assertThrows(IllegalArgumentException.class, () -> v1.reply(null, "1", "t", "ok", bytes));
        assertThrows(IllegalArgumentException.class, () -> v1.broadcast("t", "e", bytes));
    }

    @Test
    void refusesBinaryFramesWithCode1003() {
        FrameException error = assertThrows(FrameException.class,
                () -> v1.decodeBinary(ByteBuffer.wrap(Bytes.of(0, 0, 0, 1, 1, "t", "e"))));

        assertEquals(1003, error.closeCode());
        assertEquals("binary frames need vsn 2.0.0", error.getMessage());
    }

    @Test
    void decodesAnObjectFrame() throws FrameException {
        InboundMessage message = v1.decodeText(
                "{\"topic\":\"room:v1\",\"event\":\"phx_join\",\"payload\":{\"a\":1},"
                        + "\"ref\":\"3\"}");

        assertEquals(new InboundMessage(null, "3", "room:v1", "phx_join",
                JsonPayload.parse("{\"a\":1}")), message);
    }

    @Test
    void decodesANullRefAndAnOptionalJoinRef() throws FrameException {
        InboundMessage noRef = v1.decodeText(
                "{\"ref\":null,\"payload\":\"x\",\"event\":\"e\",\"topic\":\"t\"}");
        InboundMessage joinRef = v1.decodeText(
                "{\"ref\":\"2\",\"join_ref\":\"1\",\"payload\":[],\"event\":\"e\","
                        + "\"topic\":\"t\"}");

        assertNull(noRef.ref());
        assertNull(noRef.joinRef());
        assertEquals(JsonPayload.parse("\"x\""), noRef.payload());
        assertEquals("1", joinRef.joinRef());
        assertEquals("2", joinRef.ref());
    }

    @Test
    void ignoresUnknownKeysAndKeepsTheLastDuplicate() throws FrameException {
        InboundMessage message = v1.decodeText("{\"x\":{\"y\":[1,{}]},\"topic\":\"a\",\"topic\":"
                + "\"b\",\"event\":\"e\",\"payload\":1,\"payload\":null,\"ref\":null}");

        assertEquals("b", message.topic());
        assertTrue(message.payload().isNull());
    }

    @Test
    void refusesAnArrayFrameAsPhoenixDoes() {
        FrameException error = decodeFails("[null,null,\"t\",\"e\",{\"m\":1}]");

        assertEquals(1007, error.closeCode());
        assertEquals("invalid frame: expected a JSON object, got an array", error.getMessage());
    }

    @Test
    void refusesAFrameMissingARequiredKey() {
        assertEquals("invalid frame: missing key \"ref\"",
                decodeFails("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{}}").getMessage());
        assertEquals("invalid frame: missing key \"topic\"",
                decodeFails("{\"event\":\"e\",\"payload\":{},\"ref\":null}").getMessage());
        assertEquals("invalid frame: missing key \"event\"",
                decodeFails("{\"topic\":\"t\",\"payload\":{},\"ref\":null}").getMessage());
        assertEquals("invalid frame: missing key \"payload\"",
                decodeFails("{\"topic\":\"t\",\"event\":\"e\",\"ref\":null}").getMessage());
    }

    @Test
    void refusesHeaderFieldsOfTheWrongType() {
        assertEquals("invalid frame: topic must be a string, got a number",
                decodeFails("{\"topic\":1,\"event\":\"e\",\"payload\":{},\"ref\":null}")
                        .getMessage());
        assertEquals("invalid frame: event must be a string, got null",
                decodeFails("{\"topic\":\"t\",\"event\":null,\"payload\":{},\"ref\":null}")
                        .getMessage());
        assertEquals("invalid frame: ref must be a string or null, got an array",
                decodeFails("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{},\"ref\":[]}")
                        .getMessage());
        assertEquals("invalid frame: join_ref must be a string or null, got a number",
                decodeFails("{\"join_ref\":1,\"topic\":\"t\",\"event\":\"e\",\"payload\":{},"
                        + "\"ref\":null}").getMessage());
    }

    @Test
    void refusesOverlongTopicsAndRefs() {
        String topic = "t".repeat(1025);
        String ref = "1".repeat(256);

        assertEquals("invalid frame: topic longer than 1024 characters",
                decodeFails("{\"topic\":\"" + topic + "\",\"event\":\"e\",\"payload\":{},"
                        + "\"ref\":null}").getMessage());
        assertEquals("invalid frame: ref longer than 255 characters",
                decodeFails("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{},\"ref\":\"" + ref
                        + "\"}").getMessage());
    }

    @Test
    void refusesInvalidJsonAndTrailingData() {
        assertTrue(decodeFails("{\"topic\" \"t\"}").getMessage()
                .startsWith("invalid frame: malformed JSON at line 1"));
        assertEquals("invalid frame: JSON ends early", decodeFails("{\"topic\":").getMessage());
        assertEquals("invalid frame: data after the JSON object",
                decodeFails("{\"topic\":\"t\",\"event\":\"e\",\"payload\":{},\"ref\":null} 1")
                        .getMessage());
        assertEquals("invalid frame: JSON nested deeper than 128",
                decodeFails("{\"payload\":" + "[".repeat(200) + "]".repeat(200) + "}")
                        .getMessage());
    }

    @Test
    void writesTextFrames() {
        assertFalse(v1.message(null, null, "t", "e", json("{}")).isBinary());
    }
}
