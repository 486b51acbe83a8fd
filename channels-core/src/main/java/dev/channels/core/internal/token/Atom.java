package dev.channels.core.internal.token;

import java.util.Objects;

/**
 * An Erlang atom other than {@code nil}, {@code true} and {@code false} (those three decode
 * to {@code null} and {@link Boolean}). Only the raw terms of {@link Etf#decode(byte[])}
 * contain atoms; {@link Etf#toPlain(Object)} turns them into their name as a string.
 *
 * @param name the atom's text
 */
public record Atom(String name) {

    /** The atom {@code infinity}, Phoenix's max age that never expires. */
    public static final Atom INFINITY = new Atom("infinity");

    /**
     * Creates an atom.
     *
     * @param name the atom's text, not null
     */
    public Atom {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return ":" + name;
    }
}
