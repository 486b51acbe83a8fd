package dev.channels.testkit;

import dev.channels.testkit.ChannelsTestKit.Transport;

/**
 * Every test of {@link KitBehaviourTest} over a real WebSocket: matching, failure messages and
 * binary frames (binary WebSocket messages here) behave the same.
 */
class KitBehaviourOverWebSocketTest extends KitBehaviourTest {

    KitBehaviourOverWebSocketTest() {
        kit.transport(Transport.WEBSOCKET);
    }
}
