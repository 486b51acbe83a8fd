package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Log lines in Phoenix's manner (PROTOCOL.md §11.1, §12.1 items 13–15): connect and join at
 * info with durations and filtered parameters; a client's bad frame is one line, no stack.
 * slf4j-simple writes to the current System.err, which the test captures.
 */
class LoggingTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;
    private Endpoint endpoint;

    @BeforeEach
    void capture() {
        original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        endpoint = Endpoint.builder().socket("/socket", new TestSocket()).build();
    }

    @AfterEach
    void restore() {
        endpoint.shutdown(Duration.ofSeconds(1));
        System.setErr(original);
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void connectAndJoinAreLoggedWithDurationsAndFilteredParameters() {
        try (Wire wire = Wire.connect(endpoint, Map.of("vsn", "2.0.0", "token", "s3cret"))) {
            wire.send("['1','1','room:lobby','phx_join',{'join':'yes','password':'no'}]").next();
        }
        String log = log();
        assertTrue(log.matches("(?s).*CONNECTED TO TestSocket in \\d+(ms|µs)\n"
                + "  Transport: websocket\n  Serializer: V2\n  Parameters: \\{.*"), log);
        assertTrue(log.contains("token=[FILTERED]"), log);
        assertTrue(log.contains("vsn=2.0.0"), log);
        assertFalse(log.contains("s3cret"), log);
        assertTrue(log.matches("(?s).*JOINED room:lobby in \\d+(ms|µs)\n  Parameters: "
                + "\\{\"join\":\"yes\",\"password\":\"\\[FILTERED]\"}.*"), log);
    }

    @Test
    void aRefusedJoinAndAnUnmatchedTopicAreLogged() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['1','1','room:refused','phx_join',{}]").next();
            wire.send("['2','2','nowhere','phx_join',{}]").next();
        }
        assertTrue(log().contains("REFUSED JOIN room:refused in "), log());
        assertTrue(log().contains("Ignoring unmatched topic \"nowhere\" in TestSocket"), log());
    }

    @Test
    void aBadFrameIsOneLineWithoutAStackTrace() {
        Wire wire = Wire.v2(endpoint);
        wire.client.sendText("not json");
        wire.expectClosed();
        ChannelConformanceTest.awaitTrue(() -> log().contains("closing socket"));
        String line = log().lines().filter(l -> l.contains("closing socket")).findFirst()
                .orElseThrow();
        assertTrue(line.contains("1007"), line);
        assertFalse(log().contains("\tat "), log());
        assertFalse(log().contains("ERROR"), log());
    }

    @Test
    void heartbeatsAreNeverLogged() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("[null,'1','phoenix','heartbeat',{}]").next();
        }
        assertFalse(log().contains("phoenix"), log());
    }
}
