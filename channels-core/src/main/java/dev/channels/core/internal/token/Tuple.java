package dev.channels.core.internal.token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An Erlang tuple, kept apart from lists so the token claims can tell {@code {data, signed}}
 * from {@code [data, signed]}. Only raw terms contain tuples; {@link Etf#toPlain(Object)}
 * turns them into unmodifiable lists.
 *
 * @param elements the elements in order; copied, unmodifiable, may contain nulls
 */
public record Tuple(List<Object> elements) {

    /**
     * Creates a tuple.
     *
     * @param elements the elements in order, not null
     */
    public Tuple {
        elements = Collections.unmodifiableList(new ArrayList<>(elements));
    }

    /**
     * Creates a tuple of the given elements.
     *
     * @param elements the elements in order; nulls allowed
     * @return the tuple
     */
    public static Tuple of(Object... elements) {
        return new Tuple(Arrays.asList(elements));
    }

    /**
     * The number of elements.
     *
     * @return the arity
     */
    public int arity() {
        return elements.size();
    }

    /**
     * One element.
     *
     * @param index zero-based
     * @return the element, possibly null
     */
    public Object get(int index) {
        return elements.get(index);
    }
}
