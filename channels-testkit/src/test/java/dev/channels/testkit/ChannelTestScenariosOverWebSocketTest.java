package dev.channels.testkit;

import dev.channels.testkit.ChannelsTestKit.Transport;

/**
 * Every scenario of {@link ChannelTestScenariosTest}, through channels-jakarta on a real
 * WebSocket server: the same test code, one switch.
 */
class ChannelTestScenariosOverWebSocketTest extends ChannelTestScenariosTest {

    ChannelTestScenariosOverWebSocketTest() {
        kit.transport(Transport.WEBSOCKET);
    }
}
