package dev.channels.jakarta.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON bodies of long-poll responses, keys in Phoenix's order ({@code messages},
 * {@code status}, {@code token}). Every response is HTTP 200; the real status is in the body.
 */
final class LongPollBody {

    private LongPollBody() {
    }

    static String of(int status) {
        return "{\"status\":" + status + "}";
    }

    static String of(int status, String token, List<String> messages) {
        StringBuilder json = new StringBuilder(64 + messages.size() * 64);
        json.append("{\"messages\":[");
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, messages.get(i));
        }
        json.append("],\"status\":").append(status).append(",\"token\":");
        quote(json, token);
        return json.append('}').toString();
    }

    static void send(HttpServletResponse response, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
