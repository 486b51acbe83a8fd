package dev.channels.core;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.core.memory.InMemoryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reading V2 frames of an in-memory client as JSON, with bounded waits. */
final class Frames {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How long a test waits for an event that should come; returns as soon as it does. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private Frames() {
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Whether a V2 frame carries this event. */
    static Predicate<JsonNode> event(String event) {
        return frame -> frame.get(3).asText().equals(event);
    }

    /**
     * Reads frames until one matches, waiting at most {@link #PATIENCE} in all.
     *
     * @return every frame read, the matching one last
     */
    static List<JsonNode> until(InMemoryClient client, Predicate<JsonNode> wanted,
            String description) {
        List<JsonNode> read = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            InMemoryClient.Frame frame = left > 0 ? client.poll(Duration.ofNanos(left)) : null;
            if (frame == null) {
                fail("no " + description + " within " + PATIENCE + "; read " + read);
            }
            JsonNode parsed = parse(frame.text());
            read.add(parsed);
            if (wanted.test(parsed)) {
                return read;
            }
        }
    }

    /** Every frame that arrives within the period: for refuting, which must wait. */
    static List<JsonNode> during(InMemoryClient client, Duration period) {
        List<JsonNode> read = new ArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            InMemoryClient.Frame frame = client.poll(Duration.ofNanos(left));
            if (frame != null) {
                read.add(parse(frame.text()));
            }
        }
        return read;
    }
}
