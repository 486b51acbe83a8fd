package dev.channels.examples.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chat's HTTP contract: {@code GET /token}, the demo operations {@code /broadcast},
 * {@code /disconnect} and {@code /stats}, and the page's static files.
 */
final class ChatHttp extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png");

    private final transient Chat chat;

    ChatHttp(Chat chat) {
        this.chat = chat;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = request.getServletPath();
        switch (path) {
            case "/token" -> token(request, response);
            case "/broadcast" -> broadcast(request, response);
            case "/disconnect" -> disconnect(request, response);
            case "/stats" -> stats(request, response);
            default -> file(request, response);
        }
    }

    private void token(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String userId = request.getParameter("user_id");
        if (userId == null || userId.isBlank()) {
            json(response, 400, Map.of("error", "user_id is required"));
            return;
        }
        json(response, 200, Map.of("token", chat.token(userId), "user_id", userId));
    }

    private void broadcast(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String topic = request.getParameter("topic");
        String event = request.getParameter("event");
        if (topic == null || event == null) {
            json(response, 400, Map.of("error", "topic and event are required"));
            return;
        }
        String body = request.getParameter("body");
        long start = System.nanoTime();
        chat.endpoint().broadcast(topic, event, Map.of("body", body == null ? "" : body,
                "server_ts", System.currentTimeMillis()));
        long micros = (System.nanoTime() - start) / 1_000;
        json(response, 200, Map.of("ok", true, "micros", micros));
    }

    private void disconnect(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String userId = request.getParameter("user_id");
        if (userId == null) {
            json(response, 400, Map.of("error", "user_id is required"));
            return;
        }
        chat.endpoint().disconnect("users_socket:" + userId);
        json(response, 200, Map.of("ok", true));
    }

    private void stats(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if ("1".equals(request.getParameter("gc"))) {
            System.gc();
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("heap_used", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                .getUsed());
        stats.put("rss", rss());
        stats.put("sockets", chat.endpoint().socketCount());
        stats.put("channels", chat.endpoint().channelCount());
        stats.put("node", chat.endpoint().nodeName());
        json(response, 200, stats);
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

    private void file(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? ""
                : request.getPathInfo());
        if (path.equals("/") || path.isEmpty()) {
            path = "/index.html";
        }
        if (path.contains("..")) {
            response.sendError(404);
            return;
        }
        try (InputStream in = ChatHttp.class.getResourceAsStream("/static" + path)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
            response.setHeader("cache-control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }

    private static void json(HttpServletResponse response, int status, Object body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.setHeader("cache-control", "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
