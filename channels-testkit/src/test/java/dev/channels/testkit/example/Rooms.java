package dev.channels.testkit.example;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Who may enter which room: a plain collaborator of the example's channel. Thread-safe. */
final class Rooms {

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    /** Lets a user into a room. */
    Rooms add(String topic, String userId) {
        members.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(userId);
        return this;
    }

    boolean isMember(String topic, Object userId) {
        return members.getOrDefault(topic, Set.of()).contains(String.valueOf(userId));
    }
}
