package dev.channels.redis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.spi.pubsub.PubSubMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBroadcastIsWrittenInTheDocumentedLayout() {
        PubSubMessage message = new PubSubMessage("room:1", "shout", false, utf8("{\"n\":1}"),
                "a", null);

        ByteBuffer expected = ByteBuffer.allocate(7 + 4 + 1 + 4 + 6 + 4 + 5 + 7)
                .put((byte) 0xC5).put((byte) 1).put((byte) 0).putInt(4 + 1 + 4 + 6 + 4 + 5)
                .putInt(1).put(utf8("a"))
                .putInt(6).put(utf8("room:1"))
                .putInt(5).put(utf8("shout"))
                .put(utf8("{\"n\":1}"));
        assertArrayEquals(expected.array(), Envelope.encode(message));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        byte[] payload = {0, 1, 2, (byte) 255};
        PubSubMessage message = new PubSubMessage("rôom:ü", "évent", true, payload, "node-1",
                "node-2");

        PubSubMessage decoded = Envelope.decode(Envelope.encode(message));

        assertEquals("rôom:ü", decoded.topic());
        assertEquals("évent", decoded.event());
        assertTrue(decoded.binary());
        assertArrayEquals(payload, decoded.payload());
        assertEquals("node-1", decoded.originNode());
        assertEquals("node-2", decoded.targetNode());
    }

    @Test
    void anEmptyPayloadAndNoTargetRoundTrip() {
        PubSubMessage decoded = Envelope.decode(Envelope.encode(
                new PubSubMessage("t", "e", false, new byte[0], "a", null)));

        assertFalse(decoded.binary());
        assertNull(decoded.targetNode());
        assertEquals(0, decoded.payload().length);
    }

    @Test
    void unknownFlagBitsAndTrailingHeaderFieldsAreSkipped() {
        ByteBuffer future = ByteBuffer.allocate(64)
                .put((byte) 0xC5).put((byte) 1).put((byte) (0x80 | 1))
                .putInt(4 + 1 + 4 + 1 + 4 + 1 + 4 + 3)
                .putInt(1).put(utf8("a"))
                .putInt(1).put(utf8("t"))
                .putInt(1).put(utf8("e"))
                .putInt(3).put(utf8("new"))
                .put(new byte[] {9, 8});
        byte[] bytes = Arrays.copyOf(future.array(), future.position());

        PubSubMessage decoded = Envelope.decode(bytes);

        assertEquals("t", decoded.topic());
        assertTrue(decoded.binary());
        assertArrayEquals(new byte[] {9, 8}, decoded.payload());
    }

    @Test
    void theVersionIsReadWithoutDecoding() {
        assertEquals(2, Envelope.version(new byte[] {(byte) 0xC5, 2, 0, 0}));
        assertEquals(-1, Envelope.version(new byte[0]));
        assertEquals(-1, Envelope.version(null));
        assertEquals(-1, Envelope.version("{\"v\":2}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void truncatedOrForeignBytesAreMalformed() {
        byte[] good = Envelope.encode(new PubSubMessage("t", "e", false, utf8("{}"), "a", null));

        assertThrows(Envelope.MalformedEnvelopeException.class,
                () -> Envelope.decode(new byte[0]));
        assertThrows(Envelope.MalformedEnvelopeException.class,
                () -> Envelope.decode(utf8("{\"topic\":\"t\"}")));
        assertThrows(Envelope.MalformedEnvelopeException.class,
                () -> Envelope.decode(Arrays.copyOf(good, 10)));
        byte[] hugeString = good.clone();
        ByteBuffer.wrap(hugeString).putInt(7, Integer.MAX_VALUE);
        assertThrows(Envelope.MalformedEnvelopeException.class,
                () -> Envelope.decode(hugeString));
        byte[] badUtf8 = good.clone();
        badUtf8[11] = (byte) 0xC3;
        assertThrows(Envelope.MalformedEnvelopeException.class,
                () -> Envelope.decode(badUtf8));
    }
}
