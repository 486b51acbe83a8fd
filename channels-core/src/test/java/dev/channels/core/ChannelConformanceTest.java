package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.CloseCodes;
import dev.channels.ConnectInfo;
import dev.channels.core.memory.HandshakeRefusedException;
import dev.channels.core.memory.InMemoryClient;
import dev.channels.core.memory.InMemoryTransport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The channel scenarios of PROTOCOL.md §12.1 that need no HTTP, and the dispatch table of
 * §4.2, through the in-memory transport; frames asserted exactly.
 */
class ChannelConformanceTest {

    private final TestSocket socket = new TestSocket();
    private Endpoint endpoint = Endpoint.builder().socket("/socket", socket).build();

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void heartbeatIsAnsweredWithANullJoinRef() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['5','1','phoenix','heartbeat',{}]")
                    .expect("[null,'1','phoenix','phx_reply',{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void joinEventLeaveLifecycleOverV2() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['11','1','room:lobby','phx_join',{}]")
                    .expect("['11','1','room:lobby','phx_reply',{'response':{},'status':'ok'}]")
                    .expect("['11',null,'room:lobby','joined',"
                            + "{'connect_info':{'trace_context_headers':{},'x_headers':{}},"
                            + "'status':'connected','user_id':null}]")
                    .expect("[null,null,'room:lobby','user_entered',{'user':null}]");

            wire.send("['11','2','room:lobby','new_msg',{'body':'hi!'}]")
                    .expect("['11',null,'room:lobby','new_msg',"
                            + "{'body':'hi!','transport':':websocket'}]");

            wire.send("['11','3','room:lobby','phx_leave',{}]")
                    .expect("['11','3','room:lobby','phx_reply',{'response':{},'status':'ok'}]")
                    .expect("['11','11','room:lobby','phx_close',{}]")
                    .expect("['11',null,'room:lobby','you_left',{'message':'bye!'}]");

            wire.send("['11','4','room:lobby','new_msg',{'body':'hi!'}]")
                    .expect("[null,'4','room:lobby','phx_reply',"
                            + "{'response':{'reason':'unmatched topic'},'status':'error'}]");
            wire.expectNothingMore();
        }
        assertEquals(List.of("room:lobby shutdown:left"), socket.terminated);
    }

    @Test
    void joinEventLeaveLifecycleOverV1() {
        try (Wire wire = Wire.v1(endpoint)) {
            wire.send("{'topic':'room:lobby','event':'phx_join','payload':{},'ref':'1'}")
                    .expect("{'event':'phx_reply','payload':{'response':{},'status':'ok'},"
                            + "'ref':'1','topic':'room:lobby'}")
                    .expect("{'event':'joined','payload':{'connect_info':"
                            + "{'trace_context_headers':{},'x_headers':{}},'status':'connected',"
                            + "'user_id':null},'ref':null,'topic':'room:lobby'}")
                    .expect("{'event':'user_entered','payload':{'user':null},'ref':null,"
                            + "'topic':'room:lobby'}");

            wire.send("{'topic':'room:lobby','event':'new_msg','payload':{'body':'hi!'},"
                    + "'ref':'2'}")
                    .expect("{'event':'new_msg','payload':{'body':'hi!','transport':"
                            + "':websocket'},'ref':null,'topic':'room:lobby'}");

            wire.send("{'topic':'room:lobby','event':'phx_leave','payload':{},'ref':'3'}")
                    .expect("{'event':'phx_reply','payload':{'response':{},'status':'ok'},"
                            + "'ref':'3','topic':'room:lobby'}")
                    .expect("{'event':'phx_close','payload':{},'ref':null,'topic':'room:lobby'}")
                    .expect("{'event':'you_left','payload':{'message':'bye!'},'ref':null,"
                            + "'topic':'room:lobby'}");
        }
    }

    @Test
    void theHundredAndFirstJoinIsRefused() {
        try (Wire wire = Wire.v2(endpoint)) {
            for (int i = 1; i <= 100; i++) {
                wire.send("['" + i + "','" + i + "','room:" + i + "','phx_join',{}]")
                        .expect("['" + i + "','" + i + "','room:" + i
                                + "','phx_reply',{'response':{},'status':'ok'}]");
                wire.next();
                wire.next();
            }
            wire.send("['101','101','room:101','phx_join',{}]")
                    .expect("['101','101','room:101','phx_reply',"
                            + "{'response':{'reason':'too many channels joined'},"
                            + "'status':'error'}]");
            assertEquals(100, endpoint.channelCount());
        }
    }

    @Test
    void aLimitOfOneChannelRefusesTheSecondJoin() {
        endpoint.shutdown(Duration.ZERO);
        endpoint = Endpoint.builder().socket("/socket", socket).maxChannelsPerSocket(1).build();
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['11','1','room:limited-1','phx_join',{}]")
                    .expect("['11','1','room:limited-1','phx_reply',"
                            + "{'response':{},'status':'ok'}]");
            wire.next();
            wire.next();
            wire.send("['12','2','room:limited-2','phx_join',{}]")
                    .expect("['12','2','room:limited-2','phx_reply',"
                            + "{'response':{'reason':'too many channels joined'},"
                            + "'status':'error'}]");
        }
    }

    @Test
    void connectInfoReachesTheSocket() {
        ConnectInfo info = ConnectInfo.builder("websocket")
                .uri(URI.create("http://127.0.0.1:5807/socket/websocket?vsn=2.0.0"))
                .peer(new InetSocketAddress("127.0.0.1", 40123))
                .header("X-Application", "Phoenix")
                .header("traceparent", "00-abc-def-01")
                .header("tracestate", "congo=t61rcWkgMzE")
                .header("User-Agent", "foo/1.0")
                .build();
        InMemoryClient client = InMemoryTransport.of(endpoint)
                .connect("/socket", Map.of("vsn", "2.0.0"), info);
        client.sendText(Wire.frame("['11','1','room:info','phx_join',{}]"));
        client.next();
        assertEquals(Wire.frame("['11',null,'room:info','joined',{'connect_info':{"
                + "'peer_data':{'address':'127.0.0.1','port':40123},"
                + "'trace_context_headers':{'traceparent':'00-abc-def-01',"
                + "'tracestate':'congo=t61rcWkgMzE'},'user_agent':'foo/1.0',"
                + "'x_headers':{'x-application':'Phoenix'}},'status':'connected',"
                + "'user_id':null}]"), client.nextText());
        client.close();
    }

    @Test
    void aCrashInHandleInSendsPhxErrorAndKeepsTheSocket() {
        try (Wire wire = Wire.v2(endpoint)) {
            join(wire, "11", "room:s3");
            wire.send("['11','2','room:s3','boom',{}]")
                    .expect("['11',null,'room:s3','you_left',{'message':'bye!'}]")
                    .expect("['11','11','room:s3','phx_error',{'reason':'channel_crash'}]");
            wire.send("[null,'3','phoenix','heartbeat',{}]")
                    .expect("[null,'3','phoenix','phx_reply',{'response':{},'status':'ok'}]");
            join(wire, "12", "room:s3");
        }
        assertTrue(socket.terminated.get(0).startsWith("room:s3 crash"),
                socket.terminated::toString);
    }

    @Test
    void closingTheClientTerminatesEveryChannel() {
        Wire wire = Wire.v2(endpoint);
        join(wire, "11", "room:a");
        join(wire, "12", "room:b");
        wire.close();
        awaitTrue(() -> socket.terminated.size() == 2);
        assertEquals(List.of("room:a shutdown:closed", "room:b shutdown:closed"),
                socket.terminated.stream().sorted().toList());
        awaitTrue(() -> endpoint.socketCount() == 0);
    }

    @Test
    void aRefusedConnectIsAnsweredWith403() {
        HandshakeRefusedException refused = assertThrows(HandshakeRefusedException.class,
                () -> Wire.connect(endpoint, Map.of("vsn", "2.0.0", "reject", "true")));
        assertEquals(403, refused.status());
    }

    @Test
    void aRefusalMayChooseItsStatus() {
        HandshakeRefusedException refused = assertThrows(HandshakeRefusedException.class,
                () -> Wire.connect(endpoint, Map.of("vsn", "2.0.0", "rate_limit", "true")));
        assertEquals(429, refused.status());
    }

    @Test
    void anUnsupportedVersionIsRefused() {
        for (String vsn : List.of("123.1.1", "3.0.0", "junk")) {
            HandshakeRefusedException refused = assertThrows(HandshakeRefusedException.class,
                    () -> Wire.connect(endpoint, Map.of("vsn", vsn)));
            assertEquals(403, refused.status());
        }
    }

    @Test
    void disconnectClosesEverySocketOfThatIdWith1001() {
        Wire first = Wire.connect(endpoint, Map.of("vsn", "2.0.0", "user_id", "1001"));
        Wire second = Wire.connect(endpoint, Map.of("vsn", "2.0.0", "user_id", "1001"));
        Wire other = Wire.connect(endpoint, Map.of("vsn", "2.0.0", "user_id", "7"));
        join(first, "11", "room:one");
        join(first, "12", "room:two");

        endpoint.disconnect("user_sockets:1001");

        assertEquals(new InMemoryClient.CloseStatus(CloseCodes.GOING_AWAY, "disconnected", true),
                first.expectClosed());
        assertEquals(CloseCodes.GOING_AWAY, second.expectClosed().code());
        first.expectNothingMore();
        awaitTrue(() -> socket.terminated.size() == 2);
        assertEquals(List.of("room:one shutdown:disconnected", "room:two shutdown:disconnected"),
                socket.terminated.stream().sorted().toList());
        other.send("[null,'1','phoenix','heartbeat',{}]")
                .expect("[null,'1','phoenix','phx_reply',{'response':{},'status':'ok'}]");
        other.close();
    }

    @Test
    void aDuplicateJoinRepliesToTheNewJoinThenClosesTheOld() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['19','19','room:reply','phx_join',{}]")
                    .expect("['19','19','room:reply','phx_reply',"
                            + "{'response':{'welcome':true},'status':'ok'}]");
            wire.send("['20','20','room:reply','phx_join',{}]")
                    .expect("['20','20','room:reply','phx_reply',"
                            + "{'response':{'welcome':true},'status':'ok'}]")
                    .expect("['19','19','room:reply','phx_close',{}]");
            wire.send("['20','21','room:reply','ping',{'n':1}]")
                    .expect("['20','21','room:reply','phx_reply',"
                            + "{'response':{'n':1},'status':'ok'}]");
        }
    }

    @Test
    void theServerClosesASilentSocketAfterTheIdleTimeout() {
        endpoint.shutdown(Duration.ZERO);
        endpoint = Endpoint.builder().socket("/socket", socket)
                .idleTimeout(Duration.ofMillis(200)).build();
        Wire wire = Wire.v2(endpoint);
        wire.send("['11','1','phoenix','heartbeat',{}]")
                .expect("[null,'1','phoenix','phx_reply',{'response':{},'status':'ok'}]");
        long start = System.nanoTime();
        InMemoryClient.CloseStatus status = wire.expectClosed();
        assertEquals(CloseCodes.GOING_AWAY, status.code());
        assertEquals("idle timeout", status.reason());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    }

    @Test
    void joiningAnUnmatchedTopicRepliesWithANullJoinRef() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['11','1','unmatched-topic','phx_join',{}]")
                    .expect("[null,'1','unmatched-topic','phx_reply',"
                            + "{'response':{'reason':'unmatched topic'},'status':'error'}]");
        }
    }

    @Test
    void binaryPushGetsABinaryReplyAndABinaryPush() {
        try (Wire wire = Wire.v2(endpoint)) {
            join(wire, "11", "room:bin");
            byte[] push = {0, 2, 1, 8, 12, '1', '1', '2', 'r', 'o', 'o', 'm', ':', 'b', 'i', 'n',
                'b', 'i', 'n', 'a', 'r', 'y', '_', 'e', 'v', 'e', 'n', 't', 1, 2};
            wire.client.sendBinary(push);
            assertEquals(List.of(0, 2, 8, 12), head(wire.nextBinary(), 4));
            byte[] reply = wire.nextBinary();
            byte[] expected = {1, 2, 1, 8, 2, '1', '1', '2', 'r', 'o', 'o', 'm', ':', 'b', 'i', 'n',
                'o', 'k', 1, 2, 3, 4};
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(reply));
        }
    }

    private static List<Integer> head(byte[] bytes, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> (int) bytes[i]).toList();
    }

    static void join(Wire wire, String joinRef, String topic) {
        wire.send("['" + joinRef + "','" + joinRef + "','" + topic + "','phx_join',{}]")
                .expect("['" + joinRef + "','" + joinRef + "','" + topic
                        + "','phx_reply',{'response':{},'status':'ok'}]");
        wire.next();
        wire.next();
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        awaitTrue(condition, Duration.ofSeconds(5));
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
