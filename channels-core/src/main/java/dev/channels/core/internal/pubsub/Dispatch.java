package dev.channels.core.internal.pubsub;

import dev.channels.Broadcast;
import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.serializer.Serializer;
import dev.channels.core.internal.serializer.Serializers;
import dev.channels.spi.transport.OutboundFrame;

/**
 * One broadcast on its way to this node's subscribers. The fastlane frame is encoded at
 * most once per serializer and shared by every subscriber that does not intercept the
 * event; encoding happens on first use, so a broadcast nobody hears costs nothing.
 *
 * <p>Used by the thread that dispatches it only; the frames it hands out are immutable.
 */
public final class Dispatch {

    private final String topic;
    private final String event;
    private final EncodedPayload payload;
    private OutboundFrame v1;
    private OutboundFrame v2;
    private boolean v1Failed;

    Dispatch(String topic, String event, EncodedPayload payload) {
        this.topic = topic;
        this.event = event;
        this.payload = payload;
    }

    /**
     * The topic.
     *
     * @return the topic
     */
    public String topic() {
        return topic;
    }

    /**
     * The event.
     *
     * @return the event
     */
    public String event() {
        return event;
    }

    /**
     * The payload, encoded once.
     *
     * @return the payload
     */
    public EncodedPayload payload() {
        return payload;
    }

    /**
     * The broadcast as a value, for non-fastlane subscribers.
     *
     * @return the broadcast
     */
    public Broadcast toBroadcast() {
        return new Broadcast(topic, event, payload.payload());
    }

    /**
     * The fastlane frame for a serializer, encoded on first use.
     *
     * @param serializer the subscriber's serializer
     * @return the frame, or null when this serializer cannot carry the payload (binary on V1)
     */
    public OutboundFrame frameFor(Serializer serializer) {
        if (serializer == Serializers.V2) {
            if (v2 == null) {
                v2 = serializer.broadcast(topic, event, payload);
            }
            return v2;
        }
        if (v1 == null && !v1Failed) {
            if (payload.isBinary()) {
                v1Failed = true;
            } else {
                v1 = serializer.broadcast(topic, event, payload);
            }
        }
        return v1;
    }
}
