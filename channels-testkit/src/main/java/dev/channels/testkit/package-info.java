/**
 * Channel tests in the style of Phoenix's {@code ChannelTest}, through the real runtime, in
 * memory or, with one switch, over a real WebSocket server. Start with
 * {@link dev.channels.testkit.ChannelsTestKit}, whose documentation is a short guide, and
 * {@link dev.channels.testkit.ChannelsTestExtension}.
 */
package dev.channels.testkit;
