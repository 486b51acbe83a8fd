package dev.channels.core.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.json.JsonPayload;
import dev.channels.spi.transport.OutboundFrame;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class V2SerializerTest {

    private final Serializer v2 = Serializers.V2;

    private static EncodedPayload json(String text) {
        return EncodedPayload.ofJson(text);
    }

    private static EncodedPayload binary(Object... parts) {
        return EncodedPayload.ofBinary(Bytes.of(parts));
    }

    private InboundMessage decode(String frame) throws FrameException {
        return v2.decodeText(frame);
    }

    private FrameException decodeFails(String frame) {
        return assertThrows(FrameException.class, () -> v2.decodeText(frame));
    }

    @Test
    void speaksVersionTwo() {
        assertEquals("2.0.0", v2.vsn());
    }

    @Test
    void decodesTheHeartbeatOfTheProtocolExamples() throws FrameException {
        InboundMessage message = decode("[null,\"1\",\"phoenix\",\"heartbeat\",{}]");

        assertNull(message.joinRef());
        assertEquals("1", message.ref());
        assertEquals("phoenix", message.topic());
        assertEquals("heartbeat", message.event());
        assertEquals(JsonPayload.parse("{}"), message.payload());
    }

    @Test
    void decodesAJoinWithParams() throws FrameException {
        InboundMessage message = decode("[\"2\",\"2\",\"room:1\",\"phx_join\",{\"p\":1}]");

        assertEquals(new InboundMessage("2", "2", "room:1", "phx_join",
                JsonPayload.parse("{\"p\":1}")), message);
    }

    @Test
    void decodesAnEventWithAnEmptyPayload() throws FrameException {
        InboundMessage message = decode("[\"2\",\"5\",\"room:1\",\"err\",{}]");

        assertEquals(new InboundMessage("2", "5", "room:1", "err", JsonPayload.parse("{}")),
                message);
    }

    @Test
    void acceptsAnyJsonValueAsPayload() throws FrameException {
        assertEquals(JsonPayload.parse("\"hi\""),
                decode("[null,null,\"t\",\"e\",\"hi\"]").payload());
        assertEquals(JsonPayload.parse("42"), decode("[null,null,\"t\",\"e\",42]").payload());
        assertEquals(JsonPayload.parse("[1,[2]]"),
                decode("[null,null,\"t\",\"e\",[1,[2]]]").payload());
        assertTrue(decode("[null,null,\"t\",\"e\",null]").payload().isNull());
    }

    @Test
    void ignoresExtraTrailingElements() throws FrameException {
        InboundMessage message = decode(
                "[\"1\",\"2\",\"t\",\"e\",{\"a\":1},\"x\",{\"y\":[1]},null]");

        assertEquals(new InboundMessage("1", "2", "t", "e", JsonPayload.parse("{\"a\":1}")),
                message);
    }

    @Test
    void acceptsWhitespaceAroundTokens() throws FrameException {
        InboundMessage message = decode(" [ \"1\" , null , \"t\" ,\n\"e\" , { } ] ");

        assertEquals(new InboundMessage("1", null, "t", "e", JsonPayload.parse("{}")), message);
    }

    @Test
    void decodesEscapedAndNonAsciiStrings() throws FrameException {
        InboundMessage message = decode("[null,\"r\",\"room:\\u00e9\\\"q\",\"\u20ac\",{}]");

        assertEquals("room:\u00e9\"q", message.topic());
        assertEquals("\u20ac", message.event());
    }

    @Test
    void refusesAFrameWithFewerThanFiveElements() {
        FrameException error = decodeFails("[null,\"1\",\"t\",\"e\"]");

        assertEquals(1007, error.closeCode());
        assertEquals("invalid frame: array has 4 elements, expected 5", error.getMessage());
        assertEquals("invalid frame: array has 0 elements, expected 5",
                decodeFails("[]").getMessage());
    }

    @Test
    void refusesAFrameThatIsNotAnArray() {
        assertEquals("invalid frame: expected a JSON array, got an object",
                decodeFails("{\"topic\":\"t\"}").getMessage());
        assertEquals("invalid frame: expected a JSON array, got a string",
                decodeFails("\"x\"").getMessage());
        assertEquals("invalid frame: expected a JSON array, got nothing",
                decodeFails("").getMessage());
    }

    @Test
    void refusesInvalidJson() {
        FrameException error = decodeFails("[null,\"1\",\"t\",\"e\",{]");

        assertEquals(1007, error.closeCode());
        assertTrue(error.getMessage().startsWith("invalid frame: malformed JSON at line 1"),
                error.getMessage());
        assertEquals("invalid frame: JSON ends early",
                decodeFails("[null,\"1\",\"t\",\"e\",{\"a\":").getMessage());
        assertEquals("invalid frame: data after the JSON array",
                decodeFails("[null,\"1\",\"t\",\"e\",{}] []").getMessage());
        assertTrue(decodeFails("[null,\"1\",\"t\",\"e\",{}] x").getMessage()
                .startsWith("invalid frame: malformed JSON"));
    }

    @Test
    void refusesInvalidJsonInExtraElements() {
        assertTrue(decodeFails("[null,\"1\",\"t\",\"e\",{},{\"a\" 1}]").getMessage()
                .startsWith("invalid frame: malformed JSON"));
        assertEquals("invalid frame: JSON ends early",
                decodeFails("[null,\"1\",\"t\",\"e\",{},1").getMessage());
    }

    @Test
    void refusesHeaderFieldsOfTheWrongType() {
        assertEquals("invalid frame: join_ref must be a string or null, got a number",
                decodeFails("[1,\"1\",\"t\",\"e\",{}]").getMessage());
        assertEquals("invalid frame: ref must be a string or null, got an object",
                decodeFails("[null,{},\"t\",\"e\",{}]").getMessage());
        assertEquals("invalid frame: topic must be a string, got null",
                decodeFails("[null,\"1\",null,\"e\",{}]").getMessage());
        assertEquals("invalid frame: event must be a string, got a boolean",
                decodeFails("[null,\"1\",\"t\",true,{}]").getMessage());
        assertEquals("invalid frame: event must be a string, got an array",
                decodeFails("[null,\"1\",\"t\",[\"e\"],{}]").getMessage());
    }

    @Test
    void refusesOverlongTopicsEventsAndRefs() throws FrameException {
        String name1024 = "a".repeat(1024);
        String ref255 = "1".repeat(255);
        decode("[\"" + ref255 + "\",\"" + ref255 + "\",\"" + name1024 + "\",\"" + name1024
                + "\",{}]");

        assertEquals("invalid frame: topic longer than 1024 characters",
                decodeFails("[null,\"1\",\"" + name1024 + "b\",\"e\",{}]").getMessage());
        assertEquals("invalid frame: event longer than 1024 characters",
                decodeFails("[null,\"1\",\"t\",\"" + name1024 + "b\",{}]").getMessage());
        assertEquals("invalid frame: join_ref longer than 255 characters",
                decodeFails("[\"" + ref255 + "2\",\"1\",\"t\",\"e\",{}]").getMessage());
        assertEquals("invalid frame: ref longer than 255 characters",
                decodeFails("[null,\"" + ref255 + "2\",\"t\",\"e\",{}]").getMessage());
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws FrameException {
        decode("[null,\"1\",\"t\",\"e\"," + "[".repeat(127) + "]".repeat(127) + "]");

        FrameException error = decodeFails("[null,\"1\",\"t\",\"e\","
                + "[".repeat(128) + "]".repeat(128) + "]");
        assertEquals(1007, error.closeCode());
        assertEquals("invalid frame: JSON nested deeper than 128", error.getMessage());
        assertEquals("invalid frame: JSON nested deeper than 128",
                decodeFails("[null,\"1\",\"t\",\"e\",{},"
                        + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "]").getMessage());
    }

    @Test
    void refusesOverlongNumbersWithAShortReason() {
        FrameException error = decodeFails("[null,\"1\",\"t\",\"e\"," + "9".repeat(5000) + "]");

        assertEquals(1007, error.closeCode());
        assertEquals("invalid frame: JSON exceeds a size limit", error.getMessage());
    }

    @Test
    void encodesAReplyAsInTheProtocolExamples() {
        assertEquals("[null,\"1\",\"phoenix\",\"phx_reply\",{\"response\":{},\"status\":\"ok\"}]",
                v2.reply(null, "1", "phoenix", "ok", EncodedPayload.EMPTY_OBJECT).text());
        assertEquals("[\"2\",\"2\",\"room:1\",\"phx_reply\",{\"response\":{},\"status\":\"ok\"}]",
                v2.reply("2", "2", "room:1", "ok", json("{}")).text());
        assertEquals("[\"2\",\"5\",\"room:1\",\"phx_reply\","
                + "{\"response\":{\"reason\":\"bad\"},\"status\":\"error\"}]",
                v2.reply("2", "5", "room:1", "error",
                        EncodedPayload.of(Map.of("reason", "bad"))).text());
    }

    @Test
    void encodesPushesBroadcastsClosesAndErrorsAsInTheProtocolExamples() {
        assertEquals("[\"2\",null,\"room:1\",\"pushed\",{\"n\":1}]",
                v2.message("2", null, "room:1", "pushed", json("{\"n\":1}")).text());
        assertEquals("[null,null,\"room:chat\",\"bcast\",{\"m\":1}]",
                v2.broadcast("room:chat", "bcast", json("{\"m\":1}")).text());
        assertEquals("[\"11\",\"11\",\"room:reply\",\"phx_close\",{}]",
                v2.message("11", "11", "room:reply", "phx_close", EncodedPayload.EMPTY_OBJECT)
                        .text());
        assertEquals("[\"24\",\"24\",\"room:s3\",\"phx_error\",{\"reason\":\"channel_crash\"}]",
                v2.message("24", "24", "room:s3", "phx_error",
                        EncodedPayload.of(Map.of("reason", "channel_crash"))).text());
    }

    @Test
    void encodesTheSerializerTestMessagesOfPhoenix() {
        EncodedPayload m1 = EncodedPayload.of(Map.of("m", 1));

        assertEquals("[null,null,\"t\",\"e\",{\"m\":1}]",
                v2.message(null, null, "t", "e", m1).text());
        assertEquals("[null,null,\"t\",\"phx_reply\",{\"response\":{\"m\":1},\"status\":null}]",
                v2.reply(null, null, "t", null, m1).text());
        assertEquals("[null,null,\"t\",\"e\",{\"m\":1}]", v2.broadcast("t", "e", m1).text());
    }

    @Test
    void refusesToPushOrBroadcastAJsonPayloadThatIsNotAnObject() {
        assertThrows(IllegalArgumentException.class,
                () -> v2.message(null, null, "t", "e", json("\"m\"")));
        assertThrows(IllegalArgumentException.class,
                () -> v2.broadcast("t", "e", json("[1]")));
    }

    @Test
    void repliesWithAnyJsonValue() {
        assertEquals("[\"1\",\"2\",\"t\",\"phx_reply\",{\"response\":\"m\",\"status\":\"ok\"}]",
                v2.reply("1", "2", "t", "ok", json("\"m\"")).text());
    }

    @Test
    void escapesHeaderStrings() {
        OutboundFrame frame = v2.message("a\"b", null, "t\\\n", "\u00e9\u0001",
                json("{\"k\":\"\\\"\"}"));

        assertEquals("[\"a\\\"b\",null,\"t\\\\\\n\",\"\u00e9\\u0001\",{\"k\":\"\\\"\"}]",
                frame.text());
    }

    @Test
    void writesTextFramesForJsonPayloads() {
        assertFalse(v2.message(null, null, "t", "e", json("{}")).isBinary());
        assertFalse(v2.reply(null, null, "t", "ok", json("{}")).isBinary());
        assertFalse(v2.broadcast("t", "e", json("{}")).isBinary());
    }

    @Test
    void decodesTheGoldenClientBinaryPush() throws FrameException {
        byte[] frame = Bytes.of(0, 1, 1, 8, 3, "2", "3", "room:bin", "bin", 1, 2);

        InboundMessage message = v2.decodeBinary(ByteBuffer.wrap(frame));

        assertEquals(new InboundMessage("2", "3", "room:bin", "bin",
                JsonPayload.ofBinary(new byte[] {1, 2})), message);
    }

    @Test
    void decodesThePhoenixBinaryPushVector() throws FrameException {
        byte[] frame = Bytes.of(0, 2, 3, 5, 5, "12", "123", "topic", "event", 101, 102, 103);

        InboundMessage message = v2.decodeBinary(ByteBuffer.wrap(frame));

        assertEquals("12", message.joinRef());
        assertEquals("123", message.ref());
        assertEquals("topic", message.topic());
        assertEquals("event", message.event());
        assertArrayEquals(new byte[] {101, 102, 103}, message.payload().binary().bytes());
    }

    @Test
    void decodesFromTheBufferPositionWithoutMovingIt() throws FrameException {
        byte[] padded = Bytes.of(9, 9, 0, 0, 0, 1, 1, "t", "e", 7, 9);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 2, padded.length - 3);

        InboundMessage message = v2.decodeBinary(buffer);

        assertEquals(2, buffer.position());
        assertEquals(new InboundMessage("", "", "t", "e", JsonPayload.ofBinary(new byte[] {7})),
                message);
    }

    @Test
    void keepsZeroLengthBinaryRefsAsEmptyStrings() throws FrameException {
        InboundMessage message = v2.decodeBinary(ByteBuffer.wrap(Bytes.of(0, 0, 0, 1, 1, "t",
                "e")));

        assertEquals("", message.joinRef());
        assertEquals("", message.ref());
        assertEquals(0, message.payload().binary().bytes().length);
    }

    @Test
    void decodesNonAsciiBinaryHeaderFields() throws FrameException {
        byte[] frame = Bytes.of(0, 0, 0, 6, 2, "t\u00e9\u20ac", "\u00e9", 1);

        InboundMessage message = v2.decodeBinary(ByteBuffer.wrap(frame));

        assertEquals("t\u00e9\u20ac", message.topic());
        assertEquals("\u00e9", message.event());
    }

    @Test
    void refusesBinaryFramesOfAnotherKindWithCode1003() {
        for (int kind : new int[] {1, 2, 3, 255}) {
            FrameException error = assertThrows(FrameException.class,
                    () -> v2.decodeBinary(ByteBuffer.wrap(Bytes.of(kind, 0, 0, 1, 1, "t", "e"))));

            assertEquals(1003, error.closeCode());
            assertEquals("unknown binary frame kind " + kind, error.getMessage());
        }
    }

    @Test
    void refusesTruncatedBinaryFramesWithCode1007() {
        FrameException empty = assertThrows(FrameException.class,
                () -> v2.decodeBinary(ByteBuffer.allocate(0)));
        FrameException shortHeader = assertThrows(FrameException.class,
                () -> v2.decodeBinary(ByteBuffer.wrap(Bytes.of(0, 1, 1, 8))));
        FrameException pastEnd = assertThrows(FrameException.class,
                () -> v2.decodeBinary(ByteBuffer.wrap(Bytes.of(0, 1, 1, 8, 3, "2", "3", "room"))));

        assertEquals(1007, empty.closeCode());
        assertEquals("invalid frame: empty binary frame", empty.getMessage());
        assertEquals("invalid frame: binary push header needs 5 bytes, got 4",
                shortHeader.getMessage());
        assertEquals("invalid frame: binary header lengths run past the end of the frame",
                pastEnd.getMessage());
    }

    @Test
    void refusesInvalidUtf8InBinaryHeaderFields() {
        byte[] frame = Bytes.of(0, 0, 0, 2, 1, 0xC3, 0x28, "e");

        FrameException error = assertThrows(FrameException.class,
                () -> v2.decodeBinary(ByteBuffer.wrap(frame)));

        assertEquals(1007, error.closeCode());
        assertEquals("invalid frame: topic is not valid UTF-8", error.getMessage());
    }

    @Test
    void encodesTheGoldenServerBinaryPushWithoutARef() {
        OutboundFrame frame = v2.message("2", null, "room:bin", "bin_push", binary(0, 1));

        assertTrue(frame.isBinary());
        assertArrayEquals(Bytes.of(0, 1, 8, 8, "2", "room:bin", "bin_push", 0, 1),
                Bytes.of(frame));
        assertArrayEquals(Bytes.of(0, 1, 8, 8, "2", "room:bin", "bin_push", 0, 1),
                Bytes.of(v2.message("2", "7", "room:bin", "bin_push", binary(0, 1))));
    }

    @Test
    void encodesTheGoldenBinaryReply() {
        OutboundFrame frame = v2.reply("2", "3", "room:bin", "ok", binary(1, 2, 3, 4));

        assertArrayEquals(Bytes.of(1, 1, 1, 8, 2, "2", "3", "room:bin", "ok", 1, 2, 3, 4),
                Bytes.of(frame));
    }

    @Test
    void encodesTheGoldenBinaryBroadcast() {
        OutboundFrame frame = v2.broadcast("room:bin", "bb", binary(9));

        assertArrayEquals(Bytes.of(2, 8, 2, "room:bin", "bb", 9), Bytes.of(frame));
    }

    @Test
    void encodesThePhoenixBinaryVectors() {
        assertArrayEquals(Bytes.of(1, 2, 3, 5, 2, "12", "123", "topic", "ok", 101, 102, 103),
                Bytes.of(v2.reply("12", "123", "topic", "ok", binary(101, 102, 103))));
        assertArrayEquals(Bytes.of(2, 5, 5, "topic", "event", 101, 102, 103),
                Bytes.of(v2.broadcast("topic", "event", binary(101, 102, 103))));
        assertArrayEquals(Bytes.of(0, 2, 5, 5, "12", "topic", "event", 101, 102, 103),
                Bytes.of(v2.message("12", null, "topic", "event", binary(101, 102, 103))));
    }

    @Test
    void encodesNullRefsAsZeroLengthFields() {
        assertArrayEquals(Bytes.of(0, 0, 1, 1, "t", "e", 5),
                Bytes.of(v2.message(null, null, "t", "e", binary(5))));
        assertArrayEquals(Bytes.of(1, 0, 0, 1, 2, "t", "ok"),
                Bytes.of(v2.reply(null, null, "t", "ok", binary())));
    }

    @Test
    void measuresBinaryFieldLengthsInUtf8Bytes() {
        assertArrayEquals(Bytes.of(2, 3, 1, "\u20ac", "e"),
                Bytes.of(v2.broadcast("\u20ac", "e", binary())));
    }

    @Test
    void refusesBinaryFieldsOver255Bytes() {
        String max = "x".repeat(255);
        String over = "x".repeat(256);
        String overInUtf8 = "\u00e9".repeat(128);
        v2.message(max, null, max, max, binary(1));

        IllegalArgumentException topic = assertThrows(IllegalArgumentException.class,
                () -> v2.message("1", null, over, "e", binary(1)));
        assertTrue(topic.getMessage().startsWith("unable to convert topic to binary"),
                topic.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> v2.message(over, null, "t", "e", binary(1)));
        assertThrows(IllegalArgumentException.class,
                () -> v2.message("1", null, "t", overInUtf8, binary(1)));
        assertThrows(IllegalArgumentException.class,
                () -> v2.reply("1", over, "t", "ok", binary(1)));
        assertThrows(IllegalArgumentException.class,
                () -> v2.reply("1", "2", "t", over, binary(1)));
        assertThrows(IllegalArgumentException.class,
                () -> v2.broadcast("t", over, binary(1)));
    }

    @Test
    void splicesAnEncodedPayloadWithoutReencodingIt() {
        EncodedPayload payload = EncodedPayload.of(JsonPayload.of(
                JsonNodeFactory.instance.objectNode().put("z", 1).put("a", "\u00e9")));

        assertEquals("[null,null,\"t\",\"e\",{\"a\":\"\u00e9\",\"z\":1}]",
                v2.broadcast("t", "e", payload).text());
    }
}
