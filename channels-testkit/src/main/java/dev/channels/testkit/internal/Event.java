package dev.channels.testkit.internal;

import dev.channels.Payload;

/**
 * One thing the test received: a frame a test socket's client got, or a broadcast the kit
 * heard through its subscriptions.
 *
 * @param kind what it is
 * @param socket the number of the test socket that received it, 0 for a broadcast
 * @param topic the topic
 * @param event the event name ({@code phx_reply} for a reply)
 * @param joinRef the frame's join ref, or null
 * @param ref the ref of the message answered, for a reply; otherwise null
 * @param status the reply status, for a reply; otherwise null
 * @param payload the payload, or the reply's response
 */
public record Event(Kind kind, int socket, String topic, String event, String joinRef,
        String ref, String status, Payload payload) {

    /** The kinds of events. */
    public enum Kind {
        /** A push to the client, including a fastlane broadcast (its join ref is null). */
        PUSH,
        /** A {@code phx_reply}. */
        REPLY,
        /** A {@code phx_close}: the channel ended gracefully. */
        CLOSE,
        /** A {@code phx_error}: the channel crashed. */
        ERROR,
        /** A broadcast heard by the kit's own subscription. */
        BROADCAST
    }

    /**
     * A one-line description for failure messages.
     *
     * @return the description
     */
    public String describe() {
        String from = socket == 0 ? "" : " (socket " + socket + ")";
        switch (kind) {
            case REPLY:
                return "reply to ref " + ref + " \"" + status + "\" on " + topic + from + ": "
                        + payload.toJson();
            case CLOSE:
                return "phx_close on " + topic + from;
            case ERROR:
                return "phx_error on " + topic + from + ": " + payload.toJson();
            case BROADCAST:
                return "broadcast \"" + event + "\" on " + topic + ": " + payload.toJson();
            default:
                return "push \"" + event + "\" on " + topic + from
                        + (joinRef == null ? " (fastlane broadcast)" : "") + ": "
                        + payload.toJson();
        }
    }
}
