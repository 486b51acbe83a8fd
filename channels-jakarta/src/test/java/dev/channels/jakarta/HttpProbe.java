package dev.channels.jakarta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends one WebSocket upgrade request over a plain socket and reads the status line and
 * headers of the answer, to see the HTTP status of a refused handshake exactly as a browser
 * would.
 */
public final class HttpProbe {

    /** The status and the raw head (and for a non-101 answer, the start of the body). */
    public record Answer(int status, String text) {
    }

    private HttpProbe() {
    }

    public static Answer upgrade(int port, String pathAndQuery, Map<String, String> headers)
            throws IOException {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value)
                .append("\r\n"));
        return send(port, request.append("\r\n").toString());
    }

    static Answer plainGet(int port, String pathAndQuery) throws IOException {
        return send(port, "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n\r\n");
    }

    private static Answer send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = read(socket.getInputStream());
            int status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, text);
        }
    }

    /** Reads the head, and then whatever body arrives within a short bounded wait. */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int read = in.read(chunk);
            if (read == -1) {
                break;
            }
            out.write(chunk, 0, read);
        }
        String head = out.toString(StandardCharsets.ISO_8859_1);
        if (head.startsWith("HTTP/1.1 101") || !head.toLowerCase().contains("content-length:")
                || head.toLowerCase().contains("content-length: 0\r\n")) {
            return head;
        }
        int length = Integer.parseInt(head.toLowerCase().split("content-length: ")[1]
                .split("\r\n")[0].trim());
        int bodyStart = head.indexOf("\r\n\r\n") + 4;
        while (out.size() - bodyStart < length) {
            int read = in.read(chunk);
            if (read == -1) {
                break;
            }
            out.write(chunk, 0, read);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
