package dev.channels;

/**
 * Thrown by the default {@link Channel#handleInfo(Object, ChannelContext)}: the runtime logs
 * the message as unexpected and the channel goes on, as Phoenix does.
 */
public final class UnhandledMessageException extends ChannelsException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an unexpected message.
     *
     * @param message the message no callback handled
     */
    public UnhandledMessageException(Object message) {
        super("received unexpected message in handleInfo: " + message);
    }
}
