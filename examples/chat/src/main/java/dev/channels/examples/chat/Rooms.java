package dev.channels.examples.chat;

/** Who may join which room. The chat's one rule: nobody joins {@code room:secret}. */
public final class Rooms {

    /**
     * Whether a user may join a room.
     *
     * @param topic the room's topic, such as {@code room:lobby}
     * @param userId the user asking
     * @return true when the user may join
     */
    public boolean mayJoin(String topic, String userId) {
        return !topic.equals("room:secret");
    }
}
