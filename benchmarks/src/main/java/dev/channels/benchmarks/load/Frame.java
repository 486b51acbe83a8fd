package dev.channels.benchmarks.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Phoenix V2 JSON frames, {@code [join_ref, ref, topic, event, payload]}, as text. A load
 * client reads thousands of them a second on the same cores as the server under test, so it
 * does not parse them: it scans the head of the array for the ref and the event, and the
 * payload for the one number it wants.
 */
final class Frame {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Frame() {
    }

    /** The shared mapper, for the few HTTP answers a run reads; configured only here. */
    static ObjectMapper json() {
        return JSON;
    }

    /** Encodes a frame whose payload is already JSON text. */
    static String encode(String joinRef, String ref, String topic, String event,
            String payloadJson) {
        return "[" + quote(joinRef) + "," + quote(ref) + "," + quote(topic) + ","
                + quote(event) + "," + payloadJson + "]";
    }

    /** The frame's ref (its second element), or {@code null}. */
    static String ref(String frame) {
        return element(frame, 1);
    }

    /** The frame's event (its fourth element), or {@code null} if the text is no V2 frame. */
    static String event(String frame) {
        return element(frame, 3);
    }

    /**
     * The value of the first {@code "name":} in {@code json}, as text: a string without its
     * quotes (escapes left as they are), or a number or literal; {@code null} when absent.
     */
    static String field(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        if (start < json.length() && json.charAt(start) == '"') {
            int end = endOfString(json, start);
            return end < 0 ? null : json.substring(start + 1, end);
        }
        int end = start;
        while (end < json.length() && ",}] ".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end);
    }

    /** The value of {@code "name":} as a long, or {@code -1} when absent or not a number. */
    static long number(String json, String name) {
        String value = field(json, name);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first 120 characters of a text, for messages. */
    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** The {@code index}-th element of the frame's array if it is a string; else null. */
    private static String element(String frame, int index) {
        int at = skipSpace(frame, 0);
        if (at >= frame.length() || frame.charAt(at) != '[') {
            return null;
        }
        at++;
        for (int i = 0; i <= index; i++) {
            at = skipSpace(frame, at);
            if (at >= frame.length()) {
                return null;
            }
            int end;
            boolean string = frame.charAt(at) == '"';
            if (string) {
                end = endOfString(frame, at);
                if (end < 0) {
                    return null;
                }
                end++;
            } else {
                end = at;
                while (end < frame.length() && ",] ".indexOf(frame.charAt(end)) < 0) {
                    end++;
                }
            }
            if (i == index) {
                return string ? frame.substring(at + 1, end - 1) : null;
            }
            at = skipSpace(frame, end);
            if (at >= frame.length() || frame.charAt(at) != ',') {
                return null;
            }
            at++;
        }
        return null;
    }

    /** The index of the quote that closes the string opening at {@code open}, or -1. */
    private static int endOfString(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always encodes", e);
        }
    }
}
