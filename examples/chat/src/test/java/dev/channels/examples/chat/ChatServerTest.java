package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.core.Token;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chat over a real socket: the embedded Jetty server of {@link ChatServer}, started once
 * for the class on a free port, driven over HTTP with {@link HttpClient} and over WebSocket
 * with raw V2 frames ({@link WsClient}). Each test uses its own users and topics, so the
 * tests do not see each other's traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatServerTest {

    private static final String SECRET = "the chat server test's secret key base";
    private static final Duration WAIT = WsClient.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger USERS = new AtomicInteger();

    private final Token tokens = Token.builder(SECRET).build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT)
            .build();
    private ChatServer server;
    private int port;

    @BeforeAll
    void start() throws Exception {
        server = ChatServer.start(0, Map.of("SECRET_KEY_BASE", SECRET));
        port = server.port();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- HTTP

    @Test
    void tokenAnswersATokenSignedForTheUserWithTheSocketSalt() throws Exception {
        HttpResponse<String> response = get("/token?user_id=7");

        assertEquals(200, response.statusCode());
        assertTrue(contentType(response).startsWith("application/json"), contentType(response));
        JsonNode body = JSON.readTree(response.body());
        assertEquals(Set.of("token", "user_id"), keys(body));
        assertTrue(body.get("user_id").isTextual(), body::toString);
        assertEquals("7", body.get("user_id").asText());
        Token.Verified verified = tokens.verify(ChatSocket.SALT, body.get("token").asText(),
                Duration.ofDays(1));
        assertTrue(verified.isOk(), verified::toString);
        assertEquals("7", verified.data());
    }

    @Test
    void tokenWithoutAUserIsABadRequest() throws Exception {
        assertEquals(400, get("/token").statusCode());
    }

    @Test
    void broadcastDeliversTheBodyAndServerTimeToJoinedClientsAndAnswersItsDuration()
            throws Exception {
        String topic = "room:http-broadcast";
        try (WsClient client = connect(newUser())) {
            join(client, topic);
            long before = System.currentTimeMillis();

            HttpResponse<String> response = get("/broadcast?topic=" + topic
                    + "&event=announce&body=" + URLEncoder.encode("hi there",
                            StandardCharsets.UTF_8));

            long after = System.currentTimeMillis();
            assertEquals(200, response.statusCode(), response.body());
            JsonNode answer = JSON.readTree(response.body());
            assertTrue(answer.get("micros").canConvertToLong(), answer::toString);
            assertTrue(answer.get("micros").asLong() >= 0, answer::toString);
            JsonNode pushed = client.awaitEvent(topic, "announce");
            assertTrue(pushed.get(0).isNull() && pushed.get(1).isNull(), pushed::toString);
            JsonNode payload = pushed.get(4);
            assertEquals(Set.of("body", "server_ts"), keys(payload));
            assertEquals("hi there", payload.get("body").asText());
            long serverTs = payload.get("server_ts").asLong();
            assertTrue(serverTs >= before && serverTs <= after,
                    () -> "server_ts " + serverTs + " is not in [" + before + ", " + after + "]");
        }
    }

    @Test
    void disconnectClosesThatUsersSocketsWithGoingAwayAndNoOtherUsers() throws Exception {
        String user = newUser();
        try (WsClient first = connect(user); WsClient second = connect(user);
                WsClient other = connect(newUser())) {
            join(other, "room:http-disconnect");

            HttpResponse<String> response = get("/disconnect?user_id=" + user);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(1001, first.awaitClose().getCloseCode().getCode());
            assertEquals(1001, second.awaitClose().getCloseCode().getCode());
            other.send("['1','2','room:http-disconnect','ping',{'still':'here'}]");
            assertEquals(JSON.readTree(WsClient.frame("{'status':'ok','response':"
                    + "{'still':'here'}}")), other.awaitReply("2").get(4));
            assertTrue(other.isOpen());
        }
    }

    @Test
    void statsAnswerHeapRssSocketsAndChannels() throws Exception {
        try (WsClient client = connect(newUser())) {
            join(client, "room:http-stats");

            for (String path : List.of("/stats", "/stats?gc=1")) {
                HttpResponse<String> response = get(path);

                assertEquals(200, response.statusCode(), path);
                JsonNode stats = JSON.readTree(response.body());
                assertTrue(keys(stats).containsAll(Set.of("heap_used", "rss", "sockets",
                        "channels")), stats::toString);
                assertTrue(stats.get("heap_used").asLong() > 0, stats::toString);
                assertTrue(stats.get("rss").asLong() > 0 || !isLinux(), stats::toString);
                assertTrue(stats.get("sockets").asInt() >= 1, stats::toString);
                assertTrue(stats.get("channels").asInt() >= 1, stats::toString);
            }
        }
    }

    @Test
    void thePageIsServedAndUnknownFilesAreNotFound() throws Exception {
        HttpResponse<String> page = get("/");

        assertEquals(200, page.statusCode());
        assertTrue(contentType(page).startsWith("text/html"), contentType(page));
        assertTrue(page.body().contains("<title>channels chat</title>"), page.body());
        assertEquals(200, get("/app.js").statusCode());
        assertEquals(404, get("/missing.js").statusCode());
    }

    @Test
    void theOfficialClientIsServedBesideThePageWhenTheBuildFetchedIt() throws Exception {
        Assumptions.assumeTrue(ChatServerTest.class.getResource("/static/vendor/phoenix.mjs")
                != null, "the build did not fetch the phoenix client (npm missing or offline):"
                + " /vendor/phoenix.mjs is not served, so it is not checked");

        HttpResponse<String> client = get("/vendor/phoenix.mjs");

        assertEquals(200, client.statusCode());
        assertTrue(contentType(client).startsWith("text/javascript"), contentType(client));
        assertTrue(client.body().contains("phx_join"), "not the phoenix client");
    }

    // ---------------------------------------------------------------- connect

    @Test
    void aConnectWithoutOrWithABadTokenIsRefusedWith403() throws Exception {
        String expired = tokens.sign(ChatSocket.SALT, "7", Token.SignOptions.defaults()
                .signedAt(Instant.now().minus(Duration.ofDays(2))));

        assertEquals(403, refusedUpgrade("/socket/websocket?vsn=2.0.0"));
        assertEquals(403, refusedUpgrade("/socket/websocket?vsn=2.0.0&token=forged"));
        assertEquals(403, refusedUpgrade("/socket/websocket?vsn=2.0.0&token=" + expired));
    }

    @Test
    void aLongPollSessionOpensWithAValidTokenOnly() throws Exception {
        JsonNode opened = JSON.readTree(get("/socket/longpoll?vsn=2.0.0&token="
                + chat(newUser())).body());
        JsonNode refused = JSON.readTree(get("/socket/longpoll?vsn=2.0.0&token=forged")
                .body());

        assertEquals(410, opened.get("status").asInt(), opened::toString);
        assertTrue(opened.get("token").isTextual(), opened::toString);
        assertFalse(opened.get("token").asText().isEmpty(), opened::toString);
        assertEquals(403, refused.get("status").asInt(), refused::toString);
    }

    @Test
    void aLongPollClientJoinsARoomAndGetsItsReply() throws Exception {
        String session = JSON.readTree(get("/socket/longpoll?vsn=2.0.0&token="
                + chat(newUser())).body()).get("token").asText();
        HttpRequest join = HttpRequest.newBuilder(uri("/socket/longpoll?vsn=2.0.0&token="
                        + session))
                .timeout(WAIT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        WsClient.frame("['1','1','bench:lp','phx_join',{}]")))
                .build();

        assertEquals(200, JSON.readTree(http.send(join, HttpResponse.BodyHandlers.ofString())
                .body()).get("status").asInt());

        assertEquals(WsClient.frame("['1','1','bench:lp','phx_reply',"
                + "{'response':{},'status':'ok'}]"), firstPolled(session));
    }

    /** Polls (each poll answers 200 with messages, or 204 after the window) until one comes. */
    private String firstPolled(String session) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpRequest poll = HttpRequest.newBuilder(uri("/socket/longpoll?vsn=2.0.0&token="
                    + session)).timeout(WAIT.multipliedBy(2)).GET().build();
            JsonNode answer = JSON.readTree(http.send(poll, HttpResponse.BodyHandlers.ofString())
                    .body());
            int status = answer.get("status").asInt();
            assertTrue(status == 200 || status == 204, answer::toString);
            if (status == 200 && !answer.get("messages").isEmpty()) {
                return answer.get("messages").get(0).asText();
            }
        }
        return fail("no long-poll message arrived within " + WAIT);
    }

    // ---------------------------------------------------------------- channels

    @Test
    void theSecretRoomIsRefusedOverTheSocket() throws Exception {
        try (WsClient client = connect(newUser())) {
            client.send("['1','1','room:secret','phx_join',{}]")
                    .expect("['1','1','room:secret','phx_reply',"
                            + "{'response':{'reason':'unauthorized'},'status':'error'}]");
        }
    }

    @Test
    void aJoinedClientGetsThePresenceStateThenChats() throws Exception {
        String user = newUser();
        String topic = "room:ws-chat";
        try (WsClient client = connect(user)) {
            join(client, topic);

            JsonNode state = client.awaitEvent(topic, "presence_state");
            JsonNode meta = state.get(4).get(user).get("metas").get(0);
            assertEquals("1", state.get(0).asText());
            assertTrue(meta.get("online_at").asText().matches("[0-9]+"), meta::toString);
            client.send("['1','2','" + topic + "','new_msg',{'body':'hello'}]");
            JsonNode message = client.awaitEvent(topic, "new_msg");
            assertEquals(JSON.readTree(WsClient.frame("[null,null,'" + topic + "','new_msg',"
                    + "{'body':'hello','user_id':'" + user + "'}]")), message);
            assertEquals(JSON.readTree(WsClient.frame("{'status':'ok','response':{}}")),
                    client.awaitReply("2").get(4));
            client.send("['1','3','" + topic + "','new_msg',{'body':''}]");
            assertEquals(JSON.readTree("{\"status\":\"error\",\"response\":"
                    + "{\"errors\":{\"body\":[\"can't be blank\"]}}}"),
                    client.awaitReply("3").get(4));
        }
    }

    @Test
    void binaryPayloadsComeBackAsBinaryFrames() throws Exception {
        String topic = "bench:ws-binary";
        try (WsClient client = connect(newUser())) {
            join(client, topic);

            client.sendBinary(WsClient.binaryPush("1", "2", topic, "ping", (byte) 1, (byte) 2))
                    .expectBinary(WsClient.binaryReply("1", "2", topic, "ok", (byte) 1,
                            (byte) 2));
            client.sendBinary(WsClient.binaryPush("1", "3", topic, "bin_push", (byte) 3))
                    .expectBinary(WsClient.binaryServerPush("1", topic, "bin_push", (byte) 3));
            client.sendBinary(WsClient.binaryPush("1", "4", topic, "bin_broadcast", (byte) 4));
            List<Object> frames = client.nextFrames(2);
            Object reply = frames.get(frames.get(0) instanceof String ? 0 : 1);
            Object broadcast = frames.get(frames.get(0) instanceof String ? 1 : 0);
            assertEquals(WsClient.frame("['1','4','" + topic + "','phx_reply',"
                    + "{'response':{},'status':'ok'}]"), reply);
            assertArrayEquals(WsClient.binaryBroadcast(topic, "bin_broadcast", (byte) 4),
                    (byte[]) broadcast);
        }
    }

    @Test
    void crashIsAPhxErrorAndStopRepliesThenCloses() throws Exception {
        String topic = "bench:ws-end";
        try (WsClient client = connect(newUser())) {
            join(client, topic);
            client.send("['1','2','" + topic + "','crash',{}]")
                    .expect("['1','1','" + topic + "','phx_error',{'reason':'channel_crash'}]");

            join(client, topic, "3");
            client.send("['3','4','" + topic + "','stop',{}]")
                    .expect("['3','4','" + topic + "','phx_reply',{'response':{},'status':'ok'}]")
                    .expect("['3','3','" + topic + "','phx_close',{}]");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String newUser() {
        return "u" + USERS.incrementAndGet();
    }

    private String chat(String userId) throws Exception {
        return JSON.readTree(get("/token?user_id=" + userId).body()).get("token").asText();
    }

    private WsClient connect(String userId) throws Exception {
        return WsClient.connect(port, "/socket/websocket?vsn=2.0.0&token=" + chat(userId));
    }

    private static void join(WsClient client, String topic) throws Exception {
        join(client, topic, "1");
    }

    private static void join(WsClient client, String topic, String ref) throws Exception {
        client.send("['" + ref + "','" + ref + "','" + topic + "','phx_join',{}]");
        JsonNode reply = client.awaitReply(ref).get(4);
        assertEquals("ok", reply.get("status").asText(), reply::toString);
        JsonNode messages = reply.get("response").get("messages");
        assertTrue(messages == null || messages.isArray(), reply::toString);
    }

    private int refusedUpgrade(String pathAndQuery) throws Exception {
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery),
                            new WebSocket.Listener() { })
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException e) {
            assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(WAIT).GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("content-type").orElse("");
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux");
    }
}
