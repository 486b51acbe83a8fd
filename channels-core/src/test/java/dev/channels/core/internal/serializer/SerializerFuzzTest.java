package dev.channels.core.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.json.JsonPayload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Randomized decoding and round trips. Each test uses its own {@link Random} with a fixed seed;
 * a failure names the seed and the case number, so it replays exactly.
 */
class SerializerFuzzTest {

    private static final long SEED = 0x5EED_C4A7_2024L;

    private static final int CASES = 20_000;

    private static final int ROUND_TRIPS = 2_000;

    private static String where(long seed, int index, Object frame) {
        String shown = frame instanceof byte[] ? Arrays.toString((byte[]) frame)
                : String.valueOf(frame);
        if (shown.length() > 300) {
            shown = shown.substring(0, 300) + "...";
        }
        return "seed " + seed + ", case " + index + ", frame " + shown;
    }

    private interface Decoder {
        InboundMessage decode() throws FrameException;
    }

    /** Decodes; the outcome must be a well-formed message or a well-formed refusal. */
    private static void decodeOrRefuse(Decoder decoder, Supplier<String> where) {
        InboundMessage message;
        try {
            message = decoder.decode();
        } catch (FrameException e) {
            checkRefusal(e, where);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("decode threw " + e + " at " + where.get(), e);
        }
        if (message == null || message.topic() == null || message.event() == null
                || message.payload() == null || message.topic().length() > 1024
                || message.event().length() > 1024) {
            throw new AssertionError("decoded a broken message " + message + " at "
                    + where.get());
        }
    }

    private static void checkRefusal(FrameException e, Supplier<String> where) {
        String reason = e.getMessage();
        boolean wellFormed = (e.closeCode() == 1003 || e.closeCode() == 1007)
                && reason != null && !reason.isEmpty()
                && reason.getBytes(StandardCharsets.UTF_8).length <= 123;
        if (!wellFormed) {
            throw new AssertionError("refused with code " + e.closeCode() + " and reason \""
                    + reason + "\" at " + where.get());
        }
    }

    private static String v2Text(RandomFrames frames, int index) {
        switch (index % 5) {
            case 0:
                return frames.garbage();
            case 1:
                return frames.v2Frame();
            case 2:
                return frames.v2Structural();
            case 3:
                return frames.mutate(frames.v2Frame());
            default:
                return frames.mutate(frames.v2Structural());
        }
    }

    private static String v1Text(RandomFrames frames, int index) {
        switch (index % 5) {
            case 0:
                return frames.garbage();
            case 1:
                return frames.v1Frame();
            case 2:
                return frames.v1Structural();
            case 3:
                return frames.mutate(frames.v1Frame());
            default:
                return frames.mutate(frames.v2Frame());
        }
    }

    private static byte[] v2Binary(RandomFrames frames, int index) {
        switch (index % 3) {
            case 0:
                return frames.bytes(40);
            case 1:
                return frames.clientPush().frame();
            default:
                return frames.mutate(frames.clientPush().frame());
        }
    }

    @Test
    void v2TextDecodingGivesAMessageOrARefusal() {
        RandomFrames frames = new RandomFrames(new Random(SEED));
        for (int i = 0; i < CASES; i++) {
            String frame = v2Text(frames, i);
            int index = i;
            decodeOrRefuse(() -> Serializers.V2.decodeText(frame), () -> where(SEED, index, frame));
        }
    }

    @Test
    void v1TextDecodingGivesAMessageOrARefusal() {
        long seed = SEED + 1;
        RandomFrames frames = new RandomFrames(new Random(seed));
        for (int i = 0; i < CASES; i++) {
            String frame = v1Text(frames, i);
            int index = i;
            decodeOrRefuse(() -> Serializers.V1.decodeText(frame), () -> where(seed, index, frame));
        }
    }

    @Test
    void binaryDecodingGivesAMessageOrARefusal() {
        long seed = SEED + 2;
        RandomFrames frames = new RandomFrames(new Random(seed));
        for (int i = 0; i < CASES; i++) {
            byte[] frame = v2Binary(frames, i);
            int index = i;
            decodeOrRefuse(() -> Serializers.V2.decodeBinary(ByteBuffer.wrap(frame)),
                    () -> where(seed, index, frame));
            decodeOrRefuse(() -> Serializers.V1.decodeBinary(ByteBuffer.wrap(frame)),
                    () -> where(seed, index, frame));
        }
    }

    @Test
    void v2TextMessagesRoundTrip() throws FrameException {
        long seed = SEED + 3;
        RandomFrames frames = new RandomFrames(new Random(seed));
        for (int i = 0; i < ROUND_TRIPS; i++) {
            InboundMessage sent = new InboundMessage(frames.ref(), frames.ref(), frames.name(),
                    frames.name(), JsonPayload.of(frames.object(3)));
            String text = Serializers.V2.message(sent.joinRef(), sent.ref(), sent.topic(),
                    sent.event(), EncodedPayload.of(sent.payload())).text();

            assertEquals(sent, Serializers.V2.decodeText(text), where(seed, i, text));
        }
    }

    @Test
    void v2TextRepliesRoundTrip() throws FrameException {
        long seed = SEED + 4;
        RandomFrames frames = new RandomFrames(new Random(seed));
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String joinRef = frames.ref();
            String ref = frames.ref();
            String topic = frames.name();
            String status = frames.name();
            JsonNode response = frames.node(3);
            String text = Serializers.V2.reply(joinRef, ref, topic, status,
                    EncodedPayload.of(JsonPayload.of(response))).text();

            ObjectNode expected = JsonNodeFactory.instance.objectNode();
            expected.set("response", response);
            expected.put("status", status);
            assertEquals(new InboundMessage(joinRef, ref, topic, "phx_reply",
                    JsonPayload.of(expected)), Serializers.V2.decodeText(text),
                    where(seed, i, text));
        }
    }

    @Test
    void v1MessagesRoundTrip() throws FrameException {
        long seed = SEED + 5;
        RandomFrames frames = new RandomFrames(new Random(seed));
        for (int i = 0; i < ROUND_TRIPS; i++) {
            InboundMessage sent = new InboundMessage(null, frames.ref(), frames.name(),
                    frames.name(), JsonPayload.of(frames.node(3)));
            String text = Serializers.V1.message(frames.ref(), sent.ref(), sent.topic(),
                    sent.event(), EncodedPayload.of(sent.payload())).text();

            assertEquals(sent, Serializers.V1.decodeText(text), where(seed, i, text));
        }
    }

    @Test
    void binaryClientPushesRoundTrip() throws FrameException {
        long seed = SEED + 6;
        RandomFrames frames = new RandomFrames(new Random(seed));
        for (int i = 0; i < ROUND_TRIPS; i++) {
            RandomFrames.ClientPush push = frames.clientPush();
            byte[] frame = push.frame();

            InboundMessage message = Serializers.V2.decodeBinary(ByteBuffer.wrap(frame));

            assertEquals(new InboundMessage(push.joinRef(), push.ref(), push.topic(),
                    push.event(), JsonPayload.ofBinary(push.payload())), message,
                    where(seed, i, frame));
        }
    }

    @Test
    void binaryServerFramesCarryTheirFieldsInOrder() {
        long seed = SEED + 7;
        RandomFrames frames = new RandomFrames(new Random(seed));
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String joinRef = frames.ref();
            String ref = frames.ref();
            String topic = frames.name();
            String event = frames.name();
            byte[] payload = frames.bytes(20);
            EncodedPayload encoded = EncodedPayload.ofBinary(payload);

            assertArrayEquals(Bytes.of(0, utf8(joinRef).length, utf8(topic).length,
                    utf8(event).length, nonNull(joinRef), topic, event, payload),
                    Bytes.of(Serializers.V2.message(joinRef, ref, topic, event, encoded)));
            assertArrayEquals(Bytes.of(1, utf8(joinRef).length, utf8(ref).length,
                    utf8(topic).length, utf8(event).length, nonNull(joinRef), nonNull(ref),
                    topic, event, payload),
                    Bytes.of(Serializers.V2.reply(joinRef, ref, topic, event, encoded)));
            assertArrayEquals(Bytes.of(2, utf8(topic).length, utf8(event).length, topic, event,
                    payload), Bytes.of(Serializers.V2.broadcast(topic, event, encoded)));
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static byte[] utf8(String value) {
        return nonNull(value).getBytes(StandardCharsets.UTF_8);
    }
}
