package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The membership rule the room channel asks before every join. */
class RoomsTest {

    private final Rooms rooms = new Rooms();

    @Test
    void nobodyJoinsTheSecretRoom() {
        assertFalse(rooms.mayJoin("room:secret", "7"));
    }

    @Test
    void everyOtherRoomIsOpenToEveryone() {
        assertTrue(rooms.mayJoin("room:lobby", "7"));
        assertTrue(rooms.mayJoin("room:secrets", "8"));
        assertTrue(rooms.mayJoin("bench:secret", "9"));
    }
}
