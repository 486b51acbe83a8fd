package dev.channels.benchmarks.stomp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One STOMP frame as a client reads it off the wire: header values unescaped (STOMP 1.2
 * escapes {@code :} as {@code \c} outside CONNECT and CONNECTED), the first of repeated
 * headers kept, the body without its NUL.
 */
record StompFrame(String command, Map<String, String> headers, String body) {

    static StompFrame parse(String text) {
        int end = text.indexOf('\0');
        String frame = end < 0 ? text : text.substring(0, end);
        int blank = frame.indexOf("\n\n");
        String head = blank < 0 ? frame : frame.substring(0, blank);
        String body = blank < 0 ? "" : frame.substring(blank + 2);
        String[] lines = head.split("\n");
        boolean escaped = !lines[0].equals("CONNECTED");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String value = lines[i].substring(colon + 1);
            headers.putIfAbsent(lines[i].substring(0, colon), escaped ? unescape(value) : value);
        }
        return new StompFrame(lines[0], headers, body);
    }

    String header(String name) {
        return headers.get(name);
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            switch (next) {
                case 'c' -> out.append(':');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
