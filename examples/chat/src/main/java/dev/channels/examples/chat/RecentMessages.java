package dev.channels.examples.chat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The last messages of each room, so a newcomer sees what was said. Thread-safe. */
public final class RecentMessages {

    /** How many messages a room keeps. */
    public static final int KEPT = 50;

    private final Map<String, Deque<Map<String, Object>>> rooms = new ConcurrentHashMap<>();

    /**
     * Stores a message, forgetting the oldest past {@link #KEPT}.
     *
     * @param topic the room
     * @param message the message as broadcast
     */
    public void add(String topic, Map<String, Object> message) {
        Deque<Map<String, Object>> room = rooms.computeIfAbsent(topic, key -> new ArrayDeque<>());
        synchronized (room) {
            room.addLast(message);
            if (room.size() > KEPT) {
                room.removeFirst();
            }
        }
    }

    /**
     * A room's recent messages, oldest first.
     *
     * @param topic the room
     * @return a copy
     */
    public List<Map<String, Object>> of(String topic) {
        Deque<Map<String, Object>> room = rooms.get(topic);
        if (room == null) {
            return List.of();
        }
        synchronized (room) {
            return List.copyOf(room);
        }
    }
}
