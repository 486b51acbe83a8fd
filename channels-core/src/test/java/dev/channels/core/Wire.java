package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.ConnectInfo;
import dev.channels.core.memory.InMemoryClient;
import dev.channels.core.memory.InMemoryTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw-frame client for conformance tests: frames are written as in PROTOCOL.md with single
 * quotes for readability ({@code ['11','1','room:1','phx_join',{}]}) and compared exactly.
 */
final class Wire implements AutoCloseable {

    static final Duration QUIET = Duration.ofMillis(100);

    final InMemoryClient client;

    private Wire(InMemoryClient client) {
        this.client = client;
    }

    static Wire connect(Endpoint endpoint, Map<String, String> params) {
        ConnectInfo info = ConnectInfo.builder("websocket")
                .uri(URI.create("/socket/websocket")).build();
        return new Wire(InMemoryTransport.of(endpoint).connect("/socket", params, info));
    }

    static Wire v2(Endpoint endpoint) {
        return connect(endpoint, Map.of("vsn", "2.0.0"));
    }

    static Wire v1(Endpoint endpoint) {
        return connect(endpoint, Map.of());
    }

    static String frame(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    Wire send(String singleQuoted) {
        client.sendText(frame(singleQuoted));
        return this;
    }

    /** Asserts that the next frame is exactly this one. */
    Wire expect(String singleQuoted) {
        InMemoryClient.Frame next = client.poll(Duration.ofSeconds(5));
        assertNotNull(next, () -> "expected " + frame(singleQuoted) + " but no frame arrived"
                + (client.isClosed() ? "; closed: " + client.closeStatus() : ""));
        assertEquals(frame(singleQuoted), next.text());
        return this;
    }

    /** Asserts that the next frames are exactly these, in any order. */
    Wire expectUnordered(String... singleQuoted) {
        List<String> expected = new ArrayList<>();
        for (String each : singleQuoted) {
            expected.add(frame(each));
        }
        List<String> got = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            got.add(next());
        }
        assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList());
        return this;
    }

    String next() {
        InMemoryClient.Frame next = client.poll(Duration.ofSeconds(5));
        if (next == null) {
            fail("no frame arrived" + (client.isClosed() ? "; closed: " + client.closeStatus()
                    : ""));
        }
        return next.text();
    }

    byte[] nextBinary() {
        InMemoryClient.Frame next = client.poll(Duration.ofSeconds(5));
        assertNotNull(next, "no frame arrived");
        return next.bytes();
    }

    /** Asserts that nothing more arrives within 100 ms. */
    void expectNothingMore() {
        InMemoryClient.Frame next = client.poll(QUIET);
        if (next != null) {
            fail("expected no more frames, got " + next);
        }
    }

    InMemoryClient.CloseStatus expectClosed() {
        InMemoryClient.CloseStatus status = client.awaitClose(Duration.ofSeconds(5));
        assertNotNull(status, "the server did not close the connection");
        return status;
    }

    @Override
    public void close() {
        client.close();
    }
}
