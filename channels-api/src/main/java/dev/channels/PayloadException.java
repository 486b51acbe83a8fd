package dev.channels;

/**
 * A client payload did not have the expected shape: not the JSON type asked for, a missing
 * field, binary where JSON was expected, or the other way round.
 *
 * <p>Thrown from a {@link Channel#handleIn} it becomes an error reply
 * {@code {"reason":"invalid payload"}} to that message and the channel goes on; thrown from
 * {@link Channel#join} it refuses the join with the same reply. The message, which names
 * the field and the expected type, goes to the debug log only.
 */
public final class PayloadException extends ChannelsException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected and what was found
     */
    public PayloadException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the parser's failure.
     *
     * @param message what was expected and what was found
     * @param cause the underlying failure
     */
    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
