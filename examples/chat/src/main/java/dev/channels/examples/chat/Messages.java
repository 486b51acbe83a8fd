package dev.channels.examples.chat;

import dev.channels.Payload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates a chat message the way a Phoenix changeset would, errors keyed by field. */
public final class Messages {

    /** A message as a client sends it. */
    public record NewMessage(String body) {
    }

    /**
     * The errors of a message, in Phoenix's changeset shape.
     *
     * @param payload the client's payload
     * @return empty when valid, otherwise {@code {"errors":{"body":["can't be blank"]}}}
     */
    public Optional<Map<String, Object>> errors(Payload payload) {
        String body = payload.isObject() ? payload.find("body")
                .filter(value -> value.value() instanceof String)
                .map(Payload::asText).orElse("") : "";
        if (body.isBlank()) {
            return Optional.of(Map.of("errors", Map.of("body", List.of("can't be blank"))));
        }
        return Optional.empty();
    }
}
