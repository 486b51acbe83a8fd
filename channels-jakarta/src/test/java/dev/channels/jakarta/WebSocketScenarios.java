package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.core.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The WebSocket scenarios of PROTOCOL.md §12.1 and §12.2 that apply, against a real
 * container, frame by frame. Each container runs them through a subclass; the container
 * starts once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WebSocketScenarios {

    static final int FRAME_LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestSocket socket = new TestSocket();
    Endpoint endpoint;
    Container container;
    int port;

    protected abstract Container container();

    @BeforeAll
    void start() throws Exception {
        endpoint = Endpoint.builder()
                .socket("/socket", socket)
                .socket("/ws/admin", new TestSocket())
                .maxFrameSize(FRAME_LIMIT)
                .build();
        container = container();
        port = container.start(endpoint, ChannelsOptions.builder()
                .checkOrigin(OriginCheck.allowed(List.of("//example.com", "//127.0.0.1")))
                .maxFrameSize(FRAME_LIMIT)
                .build());
    }

    @AfterAll
    void stop() throws Exception {
        endpoint.shutdown(Duration.ofSeconds(2));
        container.close();
    }

    WsClient v2() throws Exception {
        return WsClient.connect(port, "/socket/websocket?vsn=2.0.0");
    }

    @Test
    void joinEventLeaveLifecycleOverV2() throws Exception {
        try (WsClient client = v2()) {
            client.send("['11','1','room:lobby','phx_join',{}]")
                    .expect("['11','1','room:lobby','phx_reply',{'response':{},'status':'ok'}]")
                    .expect("['11',null,'room:lobby','joined',"
                            + "{'status':'connected','user_id':null}]")
                    .expect("[null,null,'room:lobby','user_entered',{'user':null}]");

            client.send("['11','2','room:lobby','new_msg',{'body':'hi!'}]")
                    .expect("['11',null,'room:lobby','new_msg',"
                            + "{'body':'hi!','transport':':websocket'}]");

            client.send("['11','3','room:lobby','phx_leave',{}]")
                    .expect("['11','3','room:lobby','phx_reply',{'response':{},'status':'ok'}]")
                    .expect("['11','11','room:lobby','phx_close',{}]")
                    .expect("['11',null,'room:lobby','you_left',{'message':'bye!'}]");

            client.send("['11','4','room:lobby','new_msg',{'body':'hi!'}]")
                    .expect("[null,'4','room:lobby','phx_reply',"
                            + "{'response':{'reason':'unmatched topic'},'status':'error'}]");
            client.expectNothingMore();
        }
    }

    @Test
    void joinEventLeaveLifecycleOverV1() throws Exception {
        try (WsClient client = WsClient.connect(port, "/socket/websocket?vsn=1.0.0")) {
            client.send("{'topic':'room:v1','event':'phx_join','payload':{},'ref':'1'}")
                    .expect("{'event':'phx_reply','payload':{'response':{},'status':'ok'},"
                            + "'ref':'1','topic':'room:v1'}")
                    .expect("{'event':'joined','payload':{'status':'connected',"
                            + "'user_id':null},'ref':null,'topic':'room:v1'}")
                    .expect("{'event':'user_entered','payload':{'user':null},'ref':null,"
                            + "'topic':'room:v1'}");

            client.send("{'topic':'room:v1','event':'new_msg','payload':{'body':'hi!'},"
                    + "'ref':'2'}")
                    .expect("{'event':'new_msg','payload':{'body':'hi!','transport':"
                            + "':websocket'},'ref':null,'topic':'room:v1'}");
        }
    }

    @Test
    void aSocketMountedOnSeveralSegmentsIsServed() throws Exception {
        try (WsClient client = WsClient.connect(port, "/ws/admin/websocket?vsn=2.0.0")) {
            client.send("['11','1','room:admin-lobby1','phx_join',{}]")
                    .expect("['11','1','room:admin-lobby1','phx_reply',"
                            + "{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void heartbeatIsAnsweredWithANullJoinRef() throws Exception {
        try (WsClient client = v2()) {
            client.send("[null,'7','phoenix','heartbeat',{}]")
                    .expect("[null,'7','phoenix','phx_reply',{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void connectInfoIsReadFromTheHandshake() throws Exception {
        Map<String, String> headers = Map.of("x-application", "Phoenix",
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "tracestate", "congo=t61rcWkgMzE", "User-Agent", "foo/1.0");
        try (WsClient client = WsClient.connect(port,
                "/socket/websocket?vsn=2.0.0&user%5Bid%5D=1&a=b+c", List.of(), headers)) {
            client.send("['11','1','room:info','phx_join',{}]").nextText();
            client.nextText();
            client.nextText();
            client.send("['11','2','room:info','connect_info',{}]");
            JsonNode reply = JSON.readTree(client.nextText());
            JsonNode info = reply.get(4).get("response");
            assertEquals("Phoenix", info.at("/x_headers/x-application").asText());
            assertEquals(headers.get("traceparent"),
                    info.at("/trace_context_headers/traceparent").asText());
            assertEquals("congo=t61rcWkgMzE", info.at("/trace_context_headers/tracestate")
                    .asText());
            assertEquals("foo/1.0", info.get("user_agent").asText());
            assertEquals("127.0.0.1", info.at("/peer_data/address").asText());
            assertTrue(info.at("/peer_data/port").asInt() > 0);
            assertEquals("http", info.at("/uri/scheme").asText());
            assertEquals("127.0.0.1", info.at("/uri/host").asText());
            assertEquals(port, info.at("/uri/port").asInt());
            assertEquals("/socket/websocket", info.at("/uri/path").asText());
            assertEquals("vsn=2.0.0&user%5Bid%5D=1&a=b+c", info.at("/uri/query").asText());
            assertEquals("{\"a\":\"b c\",\"user[id]\":\"1\",\"vsn\":\"2.0.0\"}",
                    info.get("params").toString());
            assertTrue(info.get("auth_token").isNull());
        }
    }

    @Test
    void thePhoenixSubprotocolIsSelectedAndTheAuthTokenReachesConnect() throws Exception {
        List<String> offered = List.of("phoenix", "base64url.bearer.phx.c2VjcmV0LXRva2Vu");
        try (WsClient client = WsClient.connect(port,
                "/socket/websocket?vsn=2.0.0&auth=secret-token", offered, Map.of())) {
            assertEquals("phoenix", client.session().getNegotiatedSubprotocol());
            client.send("['11','1','room:token','phx_join',{}]").nextText();
            client.nextText();
            client.nextText();
            client.send("['11','2','room:token','connect_info',{}]");
            JsonNode info = JSON.readTree(client.nextText()).get(4).get("response");
            assertEquals("secret-token", info.get("auth_token").asText());
        }
    }

    @Test
    void anOfferWithoutPhoenixIsRefusedWith403() throws Exception {
        assertEquals(403, HttpProbe.upgrade(port, "/socket/websocket?vsn=2.0.0",
                Map.of("Sec-WebSocket-Protocol", "mqtt")).status());
    }

    @Test
    void aRefusedConnectIsAnswered403() throws Exception {
        HttpProbe.Answer answer = HttpProbe.upgrade(port,
                "/socket/websocket?vsn=2.0.0&reject=true", Map.of());
        assertEquals(403, answer.status(), answer.text());
    }

    @Test
    void aConnectRefusedWithAStatusIsAnsweredWithIt() throws Exception {
        assertEquals(429, HttpProbe.upgrade(port, "/socket/websocket?vsn=2.0.0&rate_limit=true",
                Map.of()).status());
    }

    @Test
    void anUnsupportedVsnIsAnswered403() throws Exception {
        assertEquals(403, HttpProbe.upgrade(port, "/socket/websocket?vsn=123.1.1", Map.of())
                .status());
    }

    @Test
    void anAllowedOriginConnectsAndAnotherIsAnswered403() throws Exception {
        assertEquals(101, HttpProbe.upgrade(port, "/socket/websocket?vsn=2.0.0",
                Map.of("Origin", "https://example.com")).status());
        assertEquals(403, HttpProbe.upgrade(port, "/socket/websocket?vsn=2.0.0",
                Map.of("Origin", "http://notallowed.com")).status());
    }

    @Test
    void aPlainGetIsAnInvalidUpgrade() throws Exception {
        HttpProbe.Answer answer = HttpProbe.plainGet(port, "/socket/websocket?vsn=2.0.0");
        assertEquals(400, answer.status());
        assertTrue(answer.text().contains("'connection' header must contain 'upgrade'"),
                answer.text());
    }

    @Test
    void aCrashingChannelSendsPhxError() throws Exception {
        try (WsClient client = v2()) {
            client.send("['11','1','room:crash','phx_join',{}]").nextText();
            client.nextText();
            client.nextText();
            client.send("['11','2','room:crash','boom',{}]")
                    .expect("['11',null,'room:crash','you_left',{'message':'bye!'}]")
                    .expect("['11','11','room:crash','phx_error',{'reason':'channel_crash'}]");
        }
    }

    @Test
    void aDuplicateJoinClosesTheOldChannel() throws Exception {
        try (WsClient client = v2()) {
            client.send("['11','1','room:joiner','phx_join',{}]")
                    .expect("['11','1','room:joiner','phx_reply',{'response':{},'status':'ok'}]");
            client.nextText();
            client.nextText();
            client.send("['12','2','room:joiner','phx_join',{}]");
            List<String> frames = List.of(client.nextText(), client.nextText(),
                    client.nextText(), client.nextText());
            int reply = frames.indexOf(WsClient.frame(
                    "['12','2','room:joiner','phx_reply',{'response':{},'status':'ok'}]"));
            int close = frames.indexOf(WsClient.frame(
                    "['11','11','room:joiner','phx_close',{}]"));
            assertTrue(reply >= 0 && close > reply, frames::toString);
        }
    }

    @Test
    void anUnmatchedTopicIsRefusedWithANullJoinRef() throws Exception {
        try (WsClient client = v2()) {
            client.send("['11','1','unmatched-topic','phx_join',{}]")
                    .expect("[null,'1','unmatched-topic','phx_reply',"
                            + "{'response':{'reason':'unmatched topic'},'status':'error'}]");
        }
    }

    @Test
    void binaryPayloadsTravelAsBinaryFrames() throws Exception {
        try (WsClient client = v2()) {
            client.send("['11','1','room:bin','phx_join',{}]").nextText();
            client.nextText();
            client.nextText();
            byte[] push = binaryPush("11", "2", "room:bin", "binary_event", (byte) 1, (byte) 2);
            client.sendBinary(push);
            client.expectBinary(0, 2, 8, 12, '1', '1', 'r', 'o', 'o', 'm', ':', 'b', 'i', 'n',
                    'b', 'i', 'n', 'a', 'r', 'y', '_', 'e', 'v', 'e', 'n', 't', 0, 1);
            client.expectBinary(1, 2, 1, 8, 2, '1', '1', '2', 'r', 'o', 'o', 'm', ':', 'b', 'i',
                    'n', 'o', 'k', 1, 2, 3, 4);
        }
    }

    static byte[] binaryPush(String joinRef, String ref, String topic, String event,
            byte... payload) {
        byte[] head = {0, (byte) joinRef.length(), (byte) ref.length(), (byte) topic.length(),
            (byte) event.length()};
        String text = joinRef + ref + topic + event;
        byte[] bytes = new byte[head.length + text.length() + payload.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes,
                head.length, text.length());
        System.arraycopy(payload, 0, bytes, head.length + text.length(), payload.length);
        return bytes;
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() throws Exception {
        try (WsClient client = v2()) {
            client.send("['11','1','room:big','phx_join',{'pad':'" + "x".repeat(FRAME_LIMIT + 10)
                    + "'}]");
            assertEquals(1009, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void aDisconnectBroadcastClosesWith1001() throws Exception {
        try (WsClient client = WsClient.connect(port,
                "/socket/websocket?vsn=2.0.0&user_id=1001")) {
            client.send("['11','1','room:d1','phx_join',{}]")
                    .expect("['11','1','room:d1','phx_reply',{'response':{},'status':'ok'}]");
            client.nextText();
            client.nextText();
            endpoint.disconnect("user_sockets:1001");
            assertEquals(1001, client.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void closingTheClientTerminatesItsChannels() throws Exception {
        try (WsClient client = v2()) {
            client.send("['11','1','room:closing','phx_join',{}]").nextText();
        }
        Polls.until(() -> socket.terminated.contains("room:closing shutdown:closed"),
                () -> "terminated: " + socket.terminated);
    }
}
