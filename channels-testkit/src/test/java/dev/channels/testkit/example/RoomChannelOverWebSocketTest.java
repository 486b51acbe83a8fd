package dev.channels.testkit.example;

import dev.channels.testkit.ChannelsTestKit.Transport;

/** The example's tests, unchanged, over a real WebSocket server. */
class RoomChannelOverWebSocketTest extends RoomChannelTest {

    RoomChannelOverWebSocketTest() {
        kit.transport(Transport.WEBSOCKET);
    }
}
