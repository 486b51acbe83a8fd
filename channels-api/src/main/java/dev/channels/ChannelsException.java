package dev.channels;

/**
 * The root of the exceptions this library throws. All are unchecked; each subclass names
 * one kind of failure and its message says what was expected.
 */
public class ChannelsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong and what was expected
     */
    public ChannelsException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what went wrong and what was expected
     * @param cause the underlying failure
     */
    public ChannelsException(String message, Throwable cause) {
        super(message, cause);
    }
}
