package dev.channels.core.internal.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Erlang's External Term Format ({@code term_to_binary}) that Phoenix tokens
 * carry, both ways.
 *
 * <p><b>Encoding</b> ({@link #encode}) maps Java values the way Elixir would see them:
 * {@code null} is {@code nil}; {@link Boolean} is {@code true}/{@code false}; {@link Byte},
 * {@link Short}, {@link Integer}, {@link Long} and {@link java.math.BigInteger} are integers
 * (tag 97 for 0..255, 98 for other 32-bit values, 110 or 111 beyond, as Erlang writes them);
 * {@link Double} and {@link Float} are floats (tag 70); {@link String} (as UTF-8) and
 * {@code byte[]} are binaries; a {@link Map} is a map (keys by the same rules; when every key
 * is a string and there are at most 32 of them they are written in Erlang's order, byte-wise,
 * otherwise in iteration order); a {@link java.util.Collection} is a list (a list of at most
 * 65535 integers in 0..255 is written as tag 107, as Erlang does); {@link Tuple} and
 * {@link Atom} are themselves. Anything else is an {@link IllegalArgumentException}.
 *
 * <p><b>Decoding</b> ({@link #decode}) accepts exactly the tags above plus the other atom
 * encodings (100, 115, 118, 119), large tuples (105) and the compressed form (80), and
 * gives the <em>raw</em> term: integers are {@link Long} when they fit, else
 * {@link java.math.BigInteger}; floats are {@link Double}; binaries are {@link String} when
 * valid UTF-8, else {@code byte[]}; {@code nil}, {@code true}, {@code false} are
 * {@code null} and {@link Boolean}; other atoms are {@link Atom}; tuples are {@link Tuple};
 * maps are {@link LinkedHashMap} in wire order; lists are {@link ArrayList}.
 * {@link #toPlain(Object)} then replaces atoms by their name and tuples by lists.
 *
 * <p>Decoding is safe for hostile input: every length and count is checked against the bytes
 * that remain before anything is allocated, nesting is limited to {@link #MAX_DEPTH}, a
 * compressed term may inflate to at most {@link #MAX_INFLATED_SIZE} bytes, and the only
 * exception thrown for bad input is {@link EtfException}. Stateless and thread-safe.
 */
public final class Etf {

    /** The deepest nesting of containers accepted both ways. */
    public static final int MAX_DEPTH = 128;

    /** The largest uncompressed size accepted for a compressed (tag 80) term. */
    public static final int MAX_INFLATED_SIZE = 1 << 20;

    static final int VERSION = 131;
    static final int COMPRESSED = 80;
    static final int NEW_FLOAT = 70;
    static final int SMALL_INTEGER = 97;
    static final int INTEGER = 98;
    static final int ATOM = 100;
    static final int SMALL_TUPLE = 104;
    static final int LARGE_TUPLE = 105;
    static final int NIL = 106;
    static final int STRING = 107;
    static final int LIST = 108;
    static final int BINARY = 109;
    static final int SMALL_BIG = 110;
    static final int LARGE_BIG = 111;
    static final int SMALL_ATOM = 115;
    static final int MAP = 116;
    static final int ATOM_UTF8 = 118;
    static final int SMALL_ATOM_UTF8 = 119;

    private Etf() {
    }

    /**
     * Encodes a value as {@code term_to_binary} would, version byte included.
     *
     * @param term the value, mapped as described in the class documentation
     * @return the bytes, starting with 131
     * @throws IllegalArgumentException when the value, or something inside it, has no term
     *     form, a string is not valid Unicode, or nesting exceeds {@link #MAX_DEPTH}
     */
    public static byte[] encode(Object term) {
        return new EtfWriter().write(term);
    }

    /**
     * Decodes one term, compressed or not, to its raw form.
     *
     * @param bytes the bytes, starting with 131
     * @return the raw term, as described in the class documentation
     * @throws EtfException when the bytes are anything but exactly one well-formed term
     */
    public static Object decode(byte[] bytes) throws EtfException {
        return EtfReader.read(bytes);
    }

    /**
     * Replaces, recursively, every {@link Atom} by its name and every {@link Tuple} by an
     * unmodifiable list; maps and lists are copied. Other values are returned as they are.
     * Should a map have an atom key and a binary key of the same name, the later one in wire
     * order wins.
     *
     * @param term a raw term from {@link #decode}
     * @return plain Java: null, Boolean, Long, BigInteger, Double, String, byte[],
     *     LinkedHashMap and List only
     */
    public static Object toPlain(Object term) {
        if (term instanceof Atom atom) {
            return atom.name();
        }
        if (term instanceof Tuple tuple) {
            return Collections.unmodifiableList(plainList(tuple.elements()));
        }
        if (term instanceof List<?> list) {
            return plainList(list);
        }
        if (term instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(toPlain(key), toPlain(value)));
            return copy;
        }
        return term;
    }

    private static List<Object> plainList(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object element : list) {
            copy.add(toPlain(element));
        }
        return copy;
    }
}
