package dev.channels.core.internal.runtime;

import dev.channels.ChannelsListener;
import dev.channels.ExitReason;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends typed events to the host's listener, shielding the runtime from its failures. */
public final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final ChannelsListener listener;
    private final boolean active;

    /**
     * Wraps a listener.
     *
     * @param listener the host's listener
     */
    public Events(ChannelsListener listener) {
        this.listener = listener;
        this.active = listener != ChannelsListener.NONE;
    }

    void connected(String path, String transport, String vsn, Map<String, String> params,
            boolean accepted, long nanos) {
        if (active) {
            call(() -> listener.connected(new ChannelsListener.Connected(path, transport, vsn,
                    params, accepted, Duration.ofNanos(nanos))));
        }
    }

    void joined(String topic, String params, boolean ok, long nanos) {
        if (active) {
            call(() -> listener.joined(
                    new ChannelsListener.Joined(topic, params, ok, Duration.ofNanos(nanos))));
        }
    }

    void handledIn(String topic, String event, long nanos) {
        if (active) {
            call(() -> listener.handledIn(
                    new ChannelsListener.HandledIn(topic, event, Duration.ofNanos(nanos))));
        }
    }

    void left(String topic, ExitReason reason) {
        if (active) {
            call(() -> listener.left(new ChannelsListener.Left(topic, reason)));
        }
    }

    void closed(String socketId, int code, String reason) {
        if (active) {
            call(() -> listener.closed(new ChannelsListener.Closed(socketId, code, reason)));
        }
    }

    void dropped(String socketId, int code, String reason) {
        if (active) {
            call(() -> listener.dropped(new ChannelsListener.Dropped(socketId, code, reason)));
        }
    }

    private static void call(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("ChannelsListener threw; the event is ignored", e);
        }
    }
}
