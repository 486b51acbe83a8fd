package dev.channels.core.internal.token;

/**
 * Bytes that are not a well-formed term of the External Term Format subset {@link Etf}
 * reads: an unknown tag, a length past the end of the input, nesting deeper than
 * {@link Etf#MAX_DEPTH}, a compressed term that inflates to more than
 * {@link Etf#MAX_INFLATED_SIZE} bytes, trailing bytes, and the like. It is the only
 * exception {@link Etf#decode(byte[])} throws for bad input. It carries no stack trace.
 */
public final class EtfException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and where
     */
    public EtfException(String message) {
        super(message, null, false, false);
    }
}
