package dev.channels.benchmarks.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The peer as the load tool sees it: a real server on a free port, raw STOMP frames over the
 * JDK's WebSocket client, and the HTTP contract over the JDK's HTTP client.
 */
class StompPeerTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static ConfigurableApplicationContext peer;
    private static HttpClient http;
    private static int port;

    @BeforeAll
    static void startThePeer() {
        peer = SpringApplication.run(StompPeer.class, "--server.port=0");
        port = Integer.parseInt(peer.getEnvironment().getProperty("local.server.port"));
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopThePeer() {
        peer.close();
    }

    @Test
    void aHandshakeWithoutAValidTokenIsRefusedWith403() {
        String forged = token("7").replace('.', 'x') + ".AAAA";
        for (String query : new String[] {"", "?token=", "?token=" + forged}) {
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> StompTestClient.open(http, port, query).join(), query);
            WebSocketHandshakeException handshake = assertInstanceOf(
                    WebSocketHandshakeException.class, refused.getCause());
            assertEquals(403, handshake.getResponse().statusCode(), query);
        }
    }

    @Test
    void connectIsAnsweredWithConnectedWithoutHeartbeats() {
        try (StompTestClient client = client("1")) {
            StompFrame connected = client.connect();

            assertEquals("1.2", connected.header("version"));
            assertEquals("0,0", connected.header("heart-beat"));
        }
    }

    @Test
    void subscribeWithAReceiptIsAnsweredWithAReceipt() {
        try (StompTestClient client = client("1")) {
            client.connect();

            StompFrame receipt = client.subscribe("s1", "/topic/bench:load");

            assertEquals("RECEIPT", receipt.command());
        }
    }

    @Test
    void aBroadcastReachesTheSubscriberOfTheTopic() {
        try (StompTestClient client = client("1")) {
            client.connect();
            client.subscribe("s1", "/topic/bench:load");

            JsonNode answer = get("/broadcast?topic=bench:load&event=tick&body=hello", 200);
            StompFrame message = client.expect("MESSAGE");

            assertTrue(answer.get("ok").asBoolean());
            assertTrue(answer.get("micros").isNumber());
            assertEquals("/topic/bench:load", message.header("destination"));
            assertEquals("s1", message.header("subscription"));
            assertTrue(message.header("content-type").startsWith("application/json"));
            JsonNode body = JSON.readTree(message.body());
            assertEquals("tick", body.get("event").asString());
            assertEquals("hello", body.get("body").asString());
            long serverTs = body.get("server_ts").asLong();
            assertTrue(Math.abs(System.currentTimeMillis() - serverTs) < 60_000, body::toString);
        }
    }

    @Test
    void aBroadcastSentRightAfterTheReceiptIsDelivered() {
        try (StompTestClient client = client("1")) {
            client.connect();
            for (int i = 0; i < 20; i++) {
                String topic = "bench:receipt-" + i;
                client.subscribe("s" + i, "/topic/" + topic);

                get("/broadcast?topic=" + topic + "&event=tick&body=" + i, 200);

                StompFrame message = client.expect("MESSAGE");
                assertEquals("s" + i, message.header("subscription"));
                assertEquals(String.valueOf(i), JSON.readTree(message.body()).get("body")
                        .asString());
            }
        }
    }

    @Test
    void newMsgFromOneClientReachesBothSubscribersWithTheSendersUserId() {
        try (StompTestClient alice = client("11"); StompTestClient bob = client("22")) {
            alice.connect();
            bob.connect();
            alice.subscribe("a", "/topic/room:lobby");
            bob.subscribe("b", "/topic/room:lobby");

            alice.send("SEND", Map.of("destination", "/app/room:lobby/new_msg",
                    "content-type", "application/json"), "{\"body\":\"hi all\"}");

            for (StompTestClient client : new StompTestClient[] {alice, bob}) {
                StompFrame message = client.expect("MESSAGE");
                assertEquals("/topic/room:lobby", message.header("destination"));
                JsonNode body = JSON.readTree(message.body());
                assertEquals("new_msg", body.get("event").asString());
                assertEquals("hi all", body.get("body").asString());
                assertEquals("11", body.get("user_id").asString());
            }
        }
    }

    @Test
    void statsCountOpenSessionsAndTheirSubscriptionsExactly() {
        awaitStats(s -> sockets(s) == 0 && channels(s) == 0);
        try (StompTestClient alice = client("1")) {
            StompTestClient bob = client("2");
            StompTestClient unconnected = client("3");
            alice.connect();
            bob.connect();
            alice.subscribe("a1", "/topic/room:lobby");
            alice.subscribe("a2", "/topic/bench:load");
            bob.subscribe("b1", "/topic/room:lobby");
            awaitStats(s -> sockets(s) == 2 && channels(s) == 3);

            alice.send("UNSUBSCRIBE", Map.of("id", "a2", "receipt", "u"), "");
            alice.expect("RECEIPT");
            awaitStats(s -> sockets(s) == 2 && channels(s) == 2);

            bob.close();
            unconnected.close();
            awaitStats(s -> sockets(s) == 1 && channels(s) == 1);
        }
        awaitStats(s -> sockets(s) == 0 && channels(s) == 0);
    }

    @Test
    void statsReportMemoryAndTheNodeName() {
        JsonNode stats = get("/stats?gc=1", 200);

        assertEquals("stomp-peer", stats.get("node").asString());
        assertTrue(stats.get("heap_used").asLong() > 0);
        assertTrue(stats.get("rss").asLong() > 0);
    }

    @Test
    void theHttpContractRefusesMissingParametersWith400() {
        assertEquals("user_id is required", get("/token", 400).get("error").asString());
        assertEquals("topic and event are required",
                get("/broadcast?topic=bench:load", 400).get("error").asString());
        assertEquals("topic and event are required",
                get("/broadcast?event=tick", 400).get("error").asString());
    }

    @Test
    void aTokenNamesItsUser() {
        JsonNode answer = get("/token?user_id=42", 200);

        assertEquals("42", answer.get("user_id").asString());
        assertTrue(answer.get("token").asString().length() > 10);
    }

    private static StompTestClient client(String userId) {
        String token = URLEncoder.encode(token(userId), StandardCharsets.UTF_8);
        return StompTestClient.open(http, port, "?token=" + token).join();
    }

    private static String token(String userId) {
        return get("/token?user_id=" + userId, 200).get("token").asString();
    }

    private static JsonNode get(String path, int status) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).timeout(StompTestClient.WAIT).build();
        HttpResponse<String> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString()).join();
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("content-type").orElse("")
                .startsWith("application/json"), path);
        return JSON.readTree(response.body());
    }

    /** Polls {@code /stats} until it satisfies the condition, for at most the usual wait. */
    private static JsonNode awaitStats(Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + StompTestClient.WAIT.toNanos();
        JsonNode stats = get("/stats", 200);
        while (!condition.test(stats)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stats never got there: " + stats);
            }
            Thread.onSpinWait();
            stats = get("/stats", 200);
        }
        return stats;
    }

    private static int sockets(JsonNode stats) {
        return stats.get("sockets").asInt();
    }

    private static int channels(JsonNode stats) {
        return stats.get("channels").asInt();
    }
}
