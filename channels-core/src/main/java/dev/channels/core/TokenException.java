package dev.channels.core;

import dev.channels.ChannelsException;

/**
 * The data of a verified {@link Token} is not of the type the caller asked for, for example
 * {@code dataAs(String.class)} on a token that carries the integer {@code 42}. This is a
 * programming error on the host's side (the token was signed with one type and read as
 * another), never a sign of a forged token: a forged or expired token never gets this far.
 * The message names both types but never the data.
 */
public final class TokenException extends ChannelsException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what type was asked for and what was found
     */
    public TokenException(String message) {
        super(message);
    }
}
