package dev.channels.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Binary;
import dev.channels.core.Endpoint;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.jakarta.HttpProbe;
import dev.channels.jakarta.TestSocket;
import dev.channels.jakarta.WsClient;
import jakarta.websocket.CloseReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the shared scenarios do not pin down about the native transport: a refusal is a plain
 * HTTP answer, Jetty's own limits stay above the runtime's, deflate is declined, and a burst
 * keeps its order through Jetty's queued sends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyNativeTransportTest {

    private static final int FRAME_LIMIT = 64 * 1024;
    private static final int BURST = 10_000;

    private final TestSocket socket = new TestSocket();
    private Endpoint endpoint;
    private JettyNativeContainer container;
    private int port;

    @BeforeAll
    void start() throws Exception {
        endpoint = Endpoint.builder()
                .socket("/socket", socket)
                .maxFrameSize(FRAME_LIMIT)
                .outboundLimit(2 * BURST, 64L * 1024 * 1024)
                .build();
        container = new JettyNativeContainer();
        port = container.start(endpoint, ChannelsOptions.builder()
                .maxFrameSize(FRAME_LIMIT)
                .build());
    }

    @AfterAll
    void stop() throws Exception {
        endpoint.shutdown(Duration.ofSeconds(2));
        container.close();
    }

    @Test
    void aRefusedConnectIsAPlain403WithAnEmptyBodyAndNoUpgrade() throws Exception {
        HttpProbe.Answer answer = HttpProbe.upgrade(port,
                "/socket/websocket?vsn=2.0.0&reject=true", Map.of());
        String head = answer.text().toLowerCase(Locale.ROOT);

        assertEquals(403, answer.status(), answer.text());
        assertTrue(head.contains("content-length: 0\r\n"), answer.text());
        assertTrue(head.endsWith("\r\n\r\n"), answer.text());
        assertFalse(head.contains("sec-websocket-accept"), answer.text());
        assertFalse(head.contains("upgrade: websocket"), answer.text());
    }

    @Test
    void permessageDeflateIsDeclined() throws Exception {
        HttpProbe.Answer answer = HttpProbe.upgrade(port, "/socket/websocket?vsn=2.0.0",
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));

        assertEquals(101, answer.status(), answer.text());
        assertFalse(answer.text().toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"),
                answer.text());
    }

    @Test
    void anOversizeFrameIsClosedByTheRuntimeNotByJetty() throws Exception {
        try (WsClient client = WsClient.connect(port, "/socket/websocket?vsn=2.0.0")) {
            client.send("['1','1','room:big','phx_join',{'pad':'" + "x".repeat(FRAME_LIMIT + 10)
                    + "'}]");
            CloseReason close = client.awaitClose();

            assertEquals(1009, close.getCloseCode().getCode());
            assertEquals("frame too large", close.getReasonPhrase());
        }
    }

    @Test
    void aMessageSentInFragmentsIsOneMessage() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, "/socket/websocket?vsn=2.0.0")) {
            client.frame(0x1, false, "[\"1\",\"1\",\"room:fr")
                    .frame(0x0, false, "agments\",\"phx_jo")
                    .frame(0x0, true, "in\",{}]");

            RawWebSocket.Received reply = client.next();

            assertEquals(0x1, reply.opcode());
            assertEquals("[\"1\",\"1\",\"room:fragments\",\"phx_reply\","
                    + "{\"response\":{},\"status\":\"ok\"}]", reply.text());
        }
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, "/socket/websocket?vsn=2.0.0")) {
            RawWebSocket.Received pong = client.frame(0x9, true, "are you there").next();

            assertEquals(0xA, pong.opcode());
            assertEquals("are you there", pong.text());
        }
    }

    @Test
    void textThatIsNotUtf8IsClosedWith1007() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(port, "/socket/websocket?vsn=2.0.0")) {
            RawWebSocket.Received close = client.frame(0x1, true,
                    new byte[] {'[', (byte) 0xC3, ']'}).next();

            assertEquals(0x8, close.opcode());
            assertEquals(1007, close.closeCode());
        }
    }

    @Test
    void aBurstOfTenThousandBroadcastsArrivesInOrder() throws Exception {
        try (WsClient client = WsClient.connect(port, "/socket/websocket?vsn=2.0.0")) {
            client.send("['1','1','room:burst','phx_join',{}]")
                    .expect("['1','1','room:burst','phx_reply',{'response':{},'status':'ok'}]");
            client.nextText();
            client.nextText();

            for (int n = 1; n <= BURST; n++) {
                if (n % 100 == 0) {
                    endpoint.broadcast("room:burst", "bin", Binary.of(bytes(n)));
                } else {
                    endpoint.broadcast("room:burst", "seq", Map.of("n", n));
                }
            }

            for (int n = 1; n <= BURST; n++) {
                if (n % 100 == 0) {
                    client.expectBinary(binaryBroadcast("room:burst", "bin", bytes(n)));
                } else {
                    client.expect("[null,null,'room:burst','seq',{'n':" + n + "}]");
                }
            }
        }
    }

    @Test
    void installingAnEndpointTwiceOnOneContextIsRefused() {
        Endpoint other = Endpoint.builder().socket("/socket", new TestSocket()).build();
        try {
            ServletContextHandler context = new ServletContextHandler("/");
            JettyChannels.install(context, other);

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> JettyChannels.install(context, other));
            assertTrue(refused.getMessage().contains("channels websocket /socket"),
                    refused.getMessage());
        } finally {
            other.shutdown(Duration.ofSeconds(1));
        }
    }

    private static byte[] bytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** A V2 binary broadcast: kind 2, the two lengths, topic, event, payload. */
    private static int[] binaryBroadcast(String topic, String event, byte[] payload) {
        byte[] text = (topic + event).getBytes(StandardCharsets.US_ASCII);
        int[] frame = new int[3 + text.length + payload.length];
        frame[0] = 2;
        frame[1] = topic.length();
        frame[2] = event.length();
        for (int i = 0; i < text.length; i++) {
            frame[3 + i] = text[i];
        }
        for (int i = 0; i < payload.length; i++) {
            frame[3 + text.length + i] = payload[i];
        }
        return frame;
    }
}
