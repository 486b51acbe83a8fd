package dev.channels;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Who is on a topic, across every node of the application, as Phoenix Presence shows it.
 * Get it from the endpoint.
 *
 * <p><b>Tracking.</b> A channel tracks itself under a key, usually after joining:
 * <pre>{@code
 * presence.track(channel, userId, Map.of("online_at", now));
 * channel.push("presence_state", presence.list(channel.topic()));
 * }</pre>
 * Each tracked meta gains a {@code phx_ref} (16 characters, unique). A channel's entries
 * leave by themselves when it ends, whatever the reason: leave, crash, socket close, or the
 * loss of its node (after the down period there, at once with a graceful shutdown). Host code
 * that is not a channel tracks under an owner object of its own and untracks it when done.
 *
 * <p><b>What clients see.</b> Every change is broadcast on the topic to this node's
 * subscribers as {@code presence_diff} {@code {"joins": {key: {"metas": [...]}}, "leaves":
 * {...}}}; both maps are always present. An update is a leave of the old meta and a join of
 * the new one (with {@code phx_ref_prev}) in one diff. Diffs of one topic are merged over a
 * short window (see {@code Endpoint.Builder.presenceDiffWindow}), which the official JS
 * {@code Presence} accepts, so a burst of N joins costs one frame per member instead of N.
 * A topic marked counts-only gets no per-user diffs at all but a {@code presence_count}
 * event {@code {"keys": k, "metas": m}} (distinct keys and tracked entries) at the same
 * pace; use it for rooms too large to list.
 *
 * <p><b>Keys and metas.</b> Keys are strings on the wire. A meta is any value that encodes
 * as a JSON object (a map, a record, a bean); it is copied when tracked.
 *
 * <p>Thread-safe: any method may be called from any thread, including channel callbacks.
 * Nothing here blocks on other nodes.
 */
public interface Presence {

    /**
     * Tracks a channel on its topic under a key.
     *
     * @param channel the channel; its end untracks it
     * @param key the key, such as a user id
     * @param meta the meta, a JSON object
     * @return the new {@code phx_ref}
     * @throws IllegalStateException when this channel already tracks that key
     * @throws IllegalArgumentException when the meta is not a JSON object
     */
    String track(ChannelContext channel, String key, Object meta);

    /**
     * Tracks a presence for host code.
     *
     * @param owner any object, compared with {@code equals}; {@link #untrack(Object)} ends it
     * @param topic the topic
     * @param key the key
     * @param meta the meta, a JSON object
     * @return the new {@code phx_ref}
     * @throws IllegalStateException when this owner already tracks that key on that topic
     * @throws IllegalArgumentException when the meta is not a JSON object
     */
    String track(Object owner, String topic, String key, Object meta);

    /**
     * Replaces a channel's meta under a key.
     *
     * @param channel the channel
     * @param key the key
     * @param meta the new meta
     * @return the new {@code phx_ref}, or empty when nothing is tracked
     */
    Optional<String> update(ChannelContext channel, String key, Object meta);

    /**
     * Replaces a meta by a function of the old one.
     *
     * @param owner the channel ({@link ChannelContext}) or host owner that tracked it
     * @param topic the topic
     * @param key the key
     * @param change gets a mutable copy of the old meta (with its {@code phx_ref}) and returns
     *     the new one; runs once, on the calling thread
     * @return the new {@code phx_ref}, or empty when nothing is tracked
     */
    Optional<String> update(Object owner, String topic, String key,
            UnaryOperator<Map<String, Object>> change);

    /**
     * Stops tracking one key of a channel or host owner; does nothing when not tracked.
     *
     * @param owner the channel ({@link ChannelContext}) or host owner
     * @param topic the topic
     * @param key the key
     */
    void untrack(Object owner, String topic, String key);

    /**
     * Stops tracking everything of a channel or host owner on this node.
     *
     * @param owner the channel or host owner
     */
    void untrack(Object owner);

    /**
     * The presences of a topic, after the {@link PresenceFetcher}: key to {@code {"metas":
     * [...]}}. The shape {@code presence_state} carries.
     *
     * @param topic the topic
     * @return a fresh map; empty when nobody is there
     */
    Map<String, Map<String, Object>> list(String topic);

    /**
     * One key's presence, after the fetcher.
     *
     * @param topic the topic
     * @param key the key
     * @return {@code {"metas": [...], ...}}, or empty when the key is not there
     */
    Optional<Map<String, Object>> get(String topic, String key);

    /**
     * Makes a topic counts-only on this node: from now on its changes are broadcast to this
     * node's subscribers as {@code presence_count} {@code {"keys": k, "metas": m}} instead
     * of {@code presence_diff}, where {@code k} is the number of distinct keys and {@code m}
     * the number of tracked entries (one per channel or owner and key) after the change, for
     * example {@code [null,null,"room:big","presence_count",{"keys":2,"metas":3}]}. One
     * count goes out per diff window, like the diffs it replaces. The setting is not
     * replicated: call it on every node, before clients join. {@link #list} and {@link #get}
     * still work on the server; whether clients get a {@code presence_state} is the
     * channel's choice. It cannot be undone.
     *
     * @param topic the topic
     */
    void countsOnly(String topic);
}
