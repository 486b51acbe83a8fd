package dev.channels.core.internal.runtime;

import dev.channels.ChannelsListener;
import java.time.Duration;
import java.util.Set;

/**
 * The endpoint's settings, fixed when it is built.
 *
 * @param idleTimeout close a socket after this long without an inbound frame
 * @param maxChannelsPerSocket joins beyond this are refused
 * @param maxOutboundMessages frames queued for one socket before it is closed as slow
 * @param maxOutboundBytes bytes queued for one socket before it is closed as slow
 * @param maxFrameBytes the largest inbound frame
 * @param maxPendingInbound client messages accepted but not yet handled, per socket
 * @param filteredParams parameter names shown as {@code [FILTERED]} in logs and events
 * @param listener typed events
 * @param logLevel the level of connect and join log lines: info, debug or off
 * @param nodeName this node's name on the pub/sub bus
 */
public record Config(Duration idleTimeout, int maxChannelsPerSocket, int maxOutboundMessages,
        long maxOutboundBytes, int maxFrameBytes, int maxPendingInbound,
        Set<String> filteredParams, ChannelsListener listener, String logLevel,
        String nodeName) {
}
