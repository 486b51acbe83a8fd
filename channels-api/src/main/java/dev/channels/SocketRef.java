package dev.channels;

/**
 * A handle for replying later to one client message, from any thread: the counterpart of
 * Phoenix's {@code socket_ref}. Obtained in {@link Channel#handleIn} through
 * {@link ChannelContext#socketRef()}.
 *
 * <p>Thread-safe. The reply carries the message's ref and the channel's join ref. Several
 * replies may be sent; phoenix.js keeps the first. A reply after the socket closed is
 * dropped silently. The client stops waiting after its push timeout (10 s by default).
 */
public interface SocketRef {

    /**
     * Sends a reply to the message this ref was taken for.
     *
     * @param reply a plain reply ({@link Reply#ok()}, {@link Reply#error(Object)} …); not a
     *     stop or {@link Reply#noReply()}
     * @throws IllegalArgumentException for a stop or no reply
     */
    void reply(Reply reply);

    /**
     * The topic of the channel.
     *
     * @return the topic
     */
    String topic();

    /**
     * The ref of the message being answered.
     *
     * @return the ref
     */
    String ref();
}
