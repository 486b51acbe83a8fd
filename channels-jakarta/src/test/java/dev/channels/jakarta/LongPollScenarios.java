package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.core.Endpoint;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The long-poll scenarios of PROTOCOL.md §12.3 and §12.4 against a real container, request
 * by request, with Phoenix's test window of 200 ms. Each container runs them through a
 * subclass; the container starts once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LongPollScenarios {

    static final String NDJSON = "application/x-ndjson";
    /**
     * Phoenix's tests use 200 ms; more keeps a loaded machine from closing a session as
     * inactive between a test's requests. The first request of the class warms the client.
     */
    static final long WINDOW_MS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestSocket socket = new TestSocket();
    Endpoint endpoint;
    Container container;
    LpClient lp;

    protected abstract Container container();

    @BeforeAll
    void start() throws Exception {
        endpoint = Endpoint.builder().socket("/socket", socket).build();
        container = container();
        int port = container.start(endpoint, ChannelsOptions.builder()
                .checkOrigin(OriginCheck.allowed(List.of("//example.com")))
                .longPollWindow(Duration.ofMillis(WINDOW_MS))
                .build());
        lp = new LpClient(port, "/socket");
        lp.open("vsn=2.0.0");
    }

    @AfterAll
    void stop() throws Exception {
        endpoint.shutdown(Duration.ofSeconds(2));
        container.close();
    }

    private String joinV2(String token, String topic) throws Exception {
        assertEquals(200, lp.post("vsn=2.0.0&token=" + token, "application/json",
                frame("['1','1','" + topic + "','phx_join',{}]")).get("status").asInt());
        List<String> joined = lp.collect("vsn=2.0.0&token=" + token, 3);
        assertEquals("['1','1','" + topic + "','phx_reply',{'response':{},'status':'ok'}]",
                joined.get(0));
        return token;
    }

    static String frame(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void joinAndPollOverV1() throws Exception {
        String token = lp.open("vsn=1.0.0");
        JsonNode posted = lp.post("vsn=1.0.0&token=" + token, "application/json",
                frame("{'topic':'room:lp1','event':'phx_join','ref':'1','payload':{}}"));
        assertEquals("{\"status\":200}", posted.toString());
        assertEquals(List.of(
                "{'event':'phx_reply','payload':{'response':{},'status':'ok'},'ref':'1',"
                        + "'topic':'room:lp1'}",
                "{'event':'joined','payload':{'status':'connected','user_id':null},'ref':null,"
                        + "'topic':'room:lp1'}",
                "{'event':'user_entered','payload':{'user':null},'ref':null,"
                        + "'topic':'room:lp1'}"),
                lp.collect("vsn=1.0.0&token=" + token, 3));
        JsonNode empty = lp.get("vsn=1.0.0&token=" + token);
        assertEquals("{\"messages\":[],\"status\":204,\"token\":\"" + token + "\"}",
                empty.toString());
    }

    @Test
    void publishingBroadcastsAndAnswersUnmatchedTopics() throws Exception {
        String token = joinV2(lp.open("vsn=2.0.0"), "room:pub");
        String query = "vsn=2.0.0&token=" + token;
        assertEquals(200, lp.post(query, "application/json",
                frame("[null,'2','room:pub','new_msg',{'body':'hi!'}]")).get("status").asInt());
        assertEquals(List.of("['1',null,'room:pub','new_msg',{'body':'hi!',"
                + "'transport':':longpoll'}]"), lp.collect(query, 1));
        lp.post(query, "application/json",
                frame("[null,'12300','room:private-room','new_msg',{'body':'hi!'}]"));
        assertEquals(List.of("[null,'12300','room:private-room','phx_reply',"
                + "{'response':{'reason':'unmatched topic'},'status':'error'}]"),
                lp.collect(query, 1));
    }

    @Test
    void anNdjsonBatchDispatchesEachLineAndDropsStaleJoinRefs() throws Exception {
        String token = joinV2(lp.open("vsn=2.0.0"), "room:nd");
        String query = "vsn=2.0.0&token=" + token;
        String batch = frame("['1','2','room:nd','new_msg',{'body':'hi1'}]") + "\n"
                + frame("['1','3','room:nd','new_msg',{'body':'hi2'}]") + "\r\n"
                + frame("['stale','4','room:nd','new_msg',{'body':'stale'}]");
        assertEquals(200, lp.post(query, NDJSON, batch).get("status").asInt());
        byte[] bin = WebSocketScenarios.binaryPush("1", "5", "room:nd", "bin", (byte) 1);
        String second = Base64.getEncoder().encodeToString(bin) + "\n"
                + frame("['1','6','room:nd','new_msg',{'body':'hi3'}]");
        assertEquals(200, lp.post(query, NDJSON, second).get("status").asInt());
        assertEquals(List.of(
                "['1',null,'room:nd','new_msg',{'body':'hi1','transport':':longpoll'}]",
                "['1',null,'room:nd','new_msg',{'body':'hi2','transport':':longpoll'}]",
                "['1',null,'room:nd','bin_ack',{'transport':':longpoll'}]",
                "['1',null,'room:nd','new_msg',{'body':'hi3','transport':':longpoll'}]"),
                lp.collect(query, 4));
        assertEquals(204, lp.get(query).get("status").asInt());
    }

    @Test
    void onlyTheFirstHundredNdjsonLinesCount() throws Exception {
        String token = joinV2(lp.open("vsn=2.0.0"), "room:hundred");
        String query = "vsn=2.0.0&token=" + token;
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            lines.add(frame("['1','" + (i + 1) + "','room:hundred','ping',{'n':" + i + "}]"));
        }
        assertEquals(200, lp.post(query, NDJSON, String.join("\n", lines)).get("status")
                .asInt());
        List<String> replies = lp.collect(query, 100);
        assertEquals("['1','101','room:hundred','phx_reply',{'response':{'n':100},"
                + "'status':'ok'}]", replies.get(99));
        assertEquals(204, lp.get(query).get("status").asInt());
    }

    @Test
    void aCrashSendsPhxErrorOnTheNextPoll() throws Exception {
        String token = joinV2(lp.open("vsn=2.0.0"), "room:lpcrash");
        String query = "vsn=2.0.0&token=" + token;
        lp.post(query, "application/json", frame("['1','1','room:lpcrash','boom',{}]"));
        List<String> frames = lp.collect(query, 2);
        assertEquals("['1',null,'room:lpcrash','you_left',{'message':'bye!'}]", frames.get(0));
        assertEquals("['1','1','room:lpcrash','phx_error',{'reason':'channel_crash'}]",
                frames.get(1));
    }

    @Test
    void aRefusedConnectOrWrongVsnAnswers403() throws Exception {
        assertEquals("{\"status\":403}", lp.get("vsn=2.0.0&reject=true").toString());
        assertEquals("{\"status\":403}", lp.get("vsn=123.1.1").toString());
    }

    @Test
    void originsAreChecked() throws Exception {
        assertEquals(410, lp.get("vsn=2.0.0", Map.of("Origin", "https://example.com"))
                .get("status").asInt());
        assertEquals("{\"status\":403}", lp.get("vsn=2.0.0",
                Map.of("Origin", "http://notallowed.com")).toString());
    }

    @Test
    void aDisconnectBroadcastEndsTheSessionAndTheNextGetOpensANewOne() throws Exception {
        String token = joinV2(lp.open("vsn=2.0.0&user_id=456"), "room:dc");
        endpoint.disconnect("user_sockets:456");
        Polls.until(() -> socket.terminated.contains("room:dc shutdown:disconnected"),
                () -> "terminated: " + socket.terminated);
        JsonNode answer = lp.get("vsn=2.0.0&user_id=456&token=" + token);
        assertEquals(410, answer.get("status").asInt());
        assertNotEquals(token, answer.get("token").asText());
        assertEquals("{\"status\":410}", lp.post("vsn=2.0.0&token=" + token,
                "application/json", frame("['1','2','room:dc','ping',{}]")).toString());
    }

    @Test
    void aSessionWithoutPollsShutsDownAndLaterPostsGet410() throws Exception {
        String token = joinV2(lp.open("vsn=2.0.0"), "room:idle");
        Polls.until(() -> socket.terminated.contains("room:idle shutdown:closed"),
                () -> "terminated: " + socket.terminated);
        assertEquals("{\"status\":410}", lp.post("vsn=2.0.0&token=" + token,
                "application/json", frame("['1','2','room:idle','ping',{}]")).toString());
    }

    @Test
    void anEmptyContentTypeIsOneTextFrame() throws Exception {
        String token = joinV2(lp.open("vsn=2.0.0"), "room:empty");
        String query = "vsn=2.0.0&token=" + token;
        assertEquals(200, lp.post(query, null, frame("['1','2','room:empty','phx_leave',{}]"))
                .get("status").asInt());
        assertEquals("['1','2','room:empty','phx_reply',{'response':{},'status':'ok'}]",
                lp.collect(query, 1).get(0));
    }

    @Test
    void theSessionTokenHeaderWinsOverTheQuery() throws Exception {
        String token = lp.open("vsn=2.0.0");
        Map<String, String> header = Map.of("x-phoenix-longpoll-token", token);
        assertEquals(200, lp.post("vsn=2.0.0&token=bogus", "application/json",
                frame("[null,'1','phoenix','heartbeat',{}]"), header).get("status").asInt());
        JsonNode answer = lp.get("vsn=2.0.0", header);
        assertEquals(200, answer.get("status").asInt(), answer::toString);
        assertEquals(frame("[null,'1','phoenix','phx_reply',{'response':{},'status':'ok'}]"),
                answer.get("messages").get(0).asText());
    }

    @Test
    void aUserParamNamedTokenIsNotTheSessionToken() throws Exception {
        String session = lp.open("token=user-secret&vsn=2.0.0&");
        String query = "token=user-secret&vsn=2.0.0&token=" + session;
        assertEquals(200, lp.post(query, "application/json",
                frame("['1','1','room:usertoken','phx_join',{}]")).get("status").asInt());
        lp.collect(query, 3);
        lp.post(query, "application/json", frame("['1','2','room:usertoken','connect_info',{}]"));
        JsonNode info = JSON.readTree(frame(lp.collect(query, 1).get(0))).get(4).get("response");
        assertEquals("user-secret", info.at("/params/token").asText());

        String stale = "token=user-secret&vsn=2.0.0&token=" + "gone";
        JsonNode reopened = lp.get(stale);
        assertEquals(410, reopened.get("status").asInt());
    }

    @Test
    void theAuthTokenHeaderReachesConnect() throws Exception {
        JsonNode refused = lp.get("vsn=2.0.0&auth=secret-token",
                Map.of("X-Phoenix-AuthToken", "wrong"));
        assertEquals("{\"status\":403}", refused.toString());
        String token = lp.get("vsn=2.0.0&auth=secret-token",
                Map.of("X-Phoenix-AuthToken", "secret-token")).get("token").asText();
        assertFalse(token.isEmpty());
    }

    @Test
    void responsesAreNeverCachedAndAllowAnyOrigin() throws Exception {
        HttpResponse<String> response = lp.rawGet("vsn=2.0.0", Map.of());
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
        assertEquals("*", response.headers().firstValue("access-control-allow-origin")
                .orElse(""));
        assertEquals("application/json;charset=utf-8", response.headers()
                .firstValue("content-type").orElse("").replace(" ", "").toLowerCase());
    }

    @Test
    void aPreflightIsAnsweredWithCorsHeaders() throws Exception {
        HttpResponse<String> response = lp.options(Map.of(
                "access-control-request-headers", "x-phoenix-longpoll-token"));
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals("x-phoenix-longpoll-token", response.headers()
                .firstValue("access-control-allow-headers").orElse(""));
        assertEquals("get, post, options", response.headers()
                .firstValue("access-control-allow-methods").orElse(""));
        assertEquals("3600", response.headers().firstValue("access-control-max-age")
                .orElse(""));
        assertTrue(response.headers().firstValue("access-control-allow-origin").isPresent());
    }

    @Test
    void connectInfoIsReadFromTheRequest() throws Exception {
        String token = lp.get("vsn=2.0.0", Map.of("x-application", "Phoenix",
                "traceparent", "00-abc-def-01")).get("token").asText();
        String query = "vsn=2.0.0&token=" + token;
        lp.post(query, "application/json", frame("['1','1','room:lpinfo','phx_join',{}]"));
        lp.collect(query, 3);
        lp.post(query, "application/json", frame("['1','2','room:lpinfo','connect_info',{}]"));
        JsonNode info = JSON.readTree(frame(lp.collect(query, 1).get(0))).get(4).get("response");
        assertEquals("Phoenix", info.at("/x_headers/x-application").asText());
        assertEquals("00-abc-def-01", info.at("/trace_context_headers/traceparent").asText());
        assertEquals("/socket/longpoll", info.at("/uri/path").asText());
        assertEquals("vsn=2.0.0", info.at("/uri/query").asText());
        assertEquals("http", info.at("/uri/scheme").asText());
        assertEquals("127.0.0.1", info.at("/peer_data/address").asText());
    }
}
