package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A long-poll client that speaks PROTOCOL.md §7 request by request, for raw tests: every
 * answer must be HTTP 200 with a JSON body, which is returned parsed.
 */
final class LpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;

    LpClient(int port, String path) {
        this.base = "http://127.0.0.1:" + port + path + "/longpoll";
    }

    /** A GET; returns the whole response. */
    HttpResponse<String> rawGet(String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "?" + query))
                .timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String query) throws Exception {
        return get(query, Map.of());
    }

    JsonNode get(String query, Map<String, String> headers) throws Exception {
        return parse(rawGet(query, headers));
    }

    JsonNode post(String query, String contentType, String body) throws Exception {
        return post(query, contentType, body, Map.of());
    }

    JsonNode post(String query, String contentType, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "?" + query))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        headers.forEach(request::header);
        return parse(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    HttpResponse<String> options(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "?vsn=2.0.0"))
                .timeout(Duration.ofSeconds(10))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a session: the 410 with a token. */
    String open(String query) throws Exception {
        JsonNode opened = get(query);
        assertEquals(410, opened.get("status").asInt(), opened::toString);
        assertEquals("[]", opened.get("messages").toString());
        return opened.get("token").asText();
    }

    /**
     * Polls until {@code count} messages arrived (each poll answers 200 or 204), within a
     * bounded time; returns them as frames with single quotes.
     */
    List<String> collect(String query, int count) throws Exception {
        List<String> messages = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (messages.size() < count) {
            if (System.nanoTime() > deadline) {
                fail("only " + messages + " arrived, expected " + count);
            }
            JsonNode answer = get(query);
            int status = answer.get("status").asInt();
            if (status != 200 && status != 204) {
                fail("poll answered " + answer);
            }
            for (JsonNode message : answer.get("messages")) {
                messages.add(message.asText().replace('"', '\''));
            }
        }
        return messages;
    }

    private static JsonNode parse(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response::body);
        return JSON.readTree(response.body());
    }
}
