package dev.channels;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The topics a {@link Socket} accepts, each with the channel that serves it.
 *
 * <p>A pattern ending in {@code *} matches every topic that starts with the text before the
 * {@code *} ({@code "room:*"} matches {@code "room:42"}, and {@code "foo*"} matches
 * {@code "food:1"}); any other pattern matches one topic exactly. Routes are tried in the
 * order they are declared and the first match wins, so declare {@code "food*"} before
 * {@code "foo*"}. A {@code *} anywhere but at the end is rejected with
 * {@link IllegalArgumentException}.
 */
public interface Routes {

    /**
     * Routes matching topics to a new channel per join.
     *
     * @param pattern an exact topic, or a prefix followed by {@code *}
     * @param channels creates the channel for each join; called on a runtime thread
     * @return these routes, for chaining
     */
    default Routes channel(String pattern, Supplier<? extends Channel> channels) {
        return channel(pattern, channels, Map.of());
    }

    /**
     * Routes matching topics to a new channel per join, adding static assigns to the
     * channel's assigns (after the socket's).
     *
     * @param pattern an exact topic, or a prefix followed by {@code *}
     * @param channels creates the channel for each join; called on a runtime thread
     * @param assigns merged into the channel's assigns at join
     * @return these routes, for chaining
     */
    Routes channel(String pattern, Supplier<? extends Channel> channels,
            Map<String, ?> assigns);
}
