package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Binary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Message validation, in Phoenix's changeset error shape. */
class MessagesTest {

    private static final Optional<Map<String, Object>> BLANK =
            Optional.of(Map.of("errors", Map.of("body", List.of("can't be blank"))));

    private final Messages messages = new Messages();

    @Test
    void aMessageWithABodyHasNoErrors() {
        assertTrue(messages.errors(ValuePayload.of(Map.of("body", "hello"))).isEmpty());
    }

    @Test
    void anEmptyOrBlankBodyCannotBeBlank() {
        assertEquals(BLANK, messages.errors(ValuePayload.of(Map.of("body", ""))));
        assertEquals(BLANK, messages.errors(ValuePayload.of(Map.of("body", " \t"))));
    }

    @Test
    void aMissingOrNullBodyCannotBeBlank() {
        Map<String, Object> nullBody = new HashMap<>();
        nullBody.put("body", null);

        assertEquals(BLANK, messages.errors(ValuePayload.of(Map.of())));
        assertEquals(BLANK, messages.errors(ValuePayload.of(nullBody)));
    }

    @Test
    void aBodyThatIsNotAStringCannotBeBlank() {
        assertEquals(BLANK, messages.errors(ValuePayload.of(Map.of("body", 42))));
        assertEquals(BLANK, messages.errors(ValuePayload.of(Map.of("body", List.of("hi")))));
    }

    @Test
    void aPayloadThatIsNotAnObjectCannotBeBlank() {
        assertEquals(BLANK, messages.errors(ValuePayload.of(List.of("body"))));
        assertEquals(BLANK, messages.errors(ValuePayload.of(Binary.of((byte) 1))));
    }
}
