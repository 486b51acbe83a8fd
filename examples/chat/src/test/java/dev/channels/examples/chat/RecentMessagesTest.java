package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a room remembers of what was said. */
class RecentMessagesTest {

    private final RecentMessages recent = new RecentMessages();

    @Test
    void aRoomNobodySpokeInHasNoMessages() {
        assertEquals(List.of(), recent.of("room:lobby"));
    }

    @Test
    void messagesAreKeptPerRoomOldestFirst() {
        recent.add("room:lobby", message(1));
        recent.add("room:other", message(2));
        recent.add("room:lobby", message(3));

        assertEquals(List.of(message(1), message(3)), recent.of("room:lobby"));
        assertEquals(List.of(message(2)), recent.of("room:other"));
    }

    @Test
    void aRoomForgetsItsOldestMessagesPastTheLimit() {
        for (int i = 0; i < RecentMessages.KEPT + 2; i++) {
            recent.add("room:lobby", message(i));
        }

        List<Map<String, Object>> kept = recent.of("room:lobby");
        assertEquals(RecentMessages.KEPT, kept.size());
        assertEquals(message(2), kept.get(0));
        assertEquals(message(RecentMessages.KEPT + 1), kept.get(RecentMessages.KEPT - 1));
    }

    @Test
    void whatARoomAnswersIsACopy() {
        recent.add("room:lobby", message(1));
        List<Map<String, Object>> before = recent.of("room:lobby");

        recent.add("room:lobby", message(2));

        assertEquals(List.of(message(1)), before);
        assertThrows(UnsupportedOperationException.class, () -> before.add(message(3)));
    }

    private static Map<String, Object> message(int n) {
        return Map.of("body", "message " + n, "user_id", "7");
    }
}
