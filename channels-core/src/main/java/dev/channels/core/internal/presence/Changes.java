package dev.channels.core.internal.presence;

import java.util.ArrayList;
import java.util.List;

/**
 * What one state change did to the visible elements: those that joined and those that left,
 * each in dot order. An update of one element shows as a leave of the old one and a join of
 * the new one in the same changes.
 */
public final class Changes {

    private final List<Element> joins = new ArrayList<>();
    private final List<Element> leaves = new ArrayList<>();

    /**
     * The joined elements.
     *
     * @return the live list
     */
    public List<Element> joins() {
        return joins;
    }

    /**
     * The left elements.
     *
     * @return the live list
     */
    public List<Element> leaves() {
        return leaves;
    }

    /**
     * Whether nothing visible changed.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return joins.isEmpty() && leaves.isEmpty();
    }

    /**
     * Appends other changes after these.
     *
     * @param other the later changes
     * @return this
     */
    public Changes addAll(Changes other) {
        joins.addAll(other.joins);
        leaves.addAll(other.leaves);
        return this;
    }

    @Override
    public String toString() {
        return "Changes[joins=" + joins + ", leaves=" + leaves + "]";
    }
}
