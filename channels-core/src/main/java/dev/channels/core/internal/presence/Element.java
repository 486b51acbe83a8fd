package dev.channels.core.internal.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One tracked presence as the replicas store it: identified by (topic, owner, key) on the
 * replica that owns it, tagged with the dot of the add that created it.
 *
 * <p>The meta is shared between replicas in one JVM and with callers: nobody may change it
 * after the element is made (every update creates a new element).
 *
 * @param topic the topic
 * @param owner the owner's id, unique on the owning node
 * @param key the presence key
 * @param meta the meta, with {@code phx_ref} (and {@code phx_ref_prev} after an update)
 * @param dot the add's dot; its replica owns the element
 */
public record Element(String topic, String owner, String key, ObjectNode meta, Dot dot) {

    /**
     * Creates an element.
     *
     * @param topic the topic
     * @param owner the owner's id
     * @param key the key
     * @param meta the meta
     * @param dot the dot
     */
    public Element {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(dot, "dot");
    }

    /**
     * The meta's {@code phx_ref}.
     *
     * @return the ref, or null when absent
     */
    public String phxRef() {
        return meta.hasNonNull("phx_ref") ? meta.get("phx_ref").asText() : null;
    }

    @Override
    public String toString() {
        return "Element[" + topic + ", " + key + ", " + dot + "]";
    }
}
