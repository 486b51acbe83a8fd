package dev.channels.benchmarks.stomp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chat example's HTTP contract, with the same JSON shapes: {@code GET /token},
 * {@code /broadcast} and {@code /stats}.
 *
 * <p>Parameters are named in their annotations: the build does not compile with
 * {@code -parameters}, which Spring would otherwise need to read the names.
 */
@RestController
class PeerHttp {

    private final PeerTokens tokens;
    private final SimpMessagingTemplate messaging;
    private final SessionCounts counts;

    PeerHttp(PeerTokens tokens, SimpMessagingTemplate messaging, SessionCounts counts) {
        this.tokens = tokens;
        this.messaging = messaging;
        this.counts = counts;
    }

    /** {@code {"token":T,"user_id":N}}, or 400 without {@code user_id}. */
    @GetMapping("/token")
    public ResponseEntity<Map<String, Object>> token(
            @RequestParam(name = "user_id", required = false) String userId) {
        if (userId == null || userId.isBlank()) {
            return json(400, Map.of("error", "user_id is required"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", tokens.sign(userId));
        answer.put("user_id", userId);
        return json(200, answer);
    }

    /**
     * Sends {@code {"event":E,"body":B,"server_ts":ms}} to {@code /topic/T} through the broker
     * and answers how long the send took: the simple broker matches the subscriptions and
     * hands one message per subscriber to the outbound channel's executor within it.
     */
    @GetMapping("/broadcast")
    public ResponseEntity<Map<String, Object>> broadcast(
            @RequestParam(name = "topic", required = false) String topic,
            @RequestParam(name = "event", required = false) String event,
            @RequestParam(name = "body", required = false) String body) {
        if (topic == null || event == null) {
            return json(400, Map.of("error", "topic and event are required"));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", event);
        message.put("body", body == null ? "" : body);
        message.put("server_ts", System.currentTimeMillis());
        long start = System.nanoTime();
        // (Object): a Map argument alone would read as the headers overload.
        messaging.convertAndSend("/topic/" + topic, (Object) message);
        long micros = (System.nanoTime() - start) / 1_000;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("micros", micros);
        return json(200, answer);
    }

    /** Heap, RSS, open sessions and subscriptions; {@code gc=1} runs a GC first. */
    @GetMapping("/stats")
    public ResponseEntity<Map<String, Object>> stats(
            @RequestParam(name = "gc", required = false) String gc) {
        if ("1".equals(gc)) {
            System.gc();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("heap_used", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                .getUsed());
        stats.put("rss", rss());
        stats.put("sockets", counts.sessions());
        stats.put("channels", counts.subscriptions());
        stats.put("node", "stomp-peer");
        return json(200, stats);
    }

    /** The process's resident set size in bytes, from /proc on Linux; -1 elsewhere. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static ResponseEntity<Map<String, Object>> json(int status,
            Map<String, Object> body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }
}
