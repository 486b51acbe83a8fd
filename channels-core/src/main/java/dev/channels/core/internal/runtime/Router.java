package dev.channels.core.internal.runtime;

import dev.channels.Channel;
import dev.channels.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** A socket's routes, tried in declaration order (PROTOCOL.md §4.3). Immutable once built. */
public final class Router implements Routes {

    private final List<Route> routes = new ArrayList<>();
    private boolean sealed;

    @Override
    public Routes channel(String pattern, Supplier<? extends Channel> channels,
            Map<String, ?> assigns) {
        if (sealed) {
            throw new IllegalStateException("routes are declared in Socket.routes() only");
        }
        Objects.requireNonNull(channels, "channels");
        int star = pattern.indexOf('*');
        if (star >= 0 && star != pattern.length() - 1) {
            throw new IllegalArgumentException("a route pattern may only end with *, got \""
                    + pattern + "\"; use \"prefix*\" for a prefix or an exact topic");
        }
        routes.add(new Route(pattern, star >= 0 ? pattern.substring(0, star) : pattern,
                star >= 0, channels, Map.copyOf(assigns)));
        return this;
    }

    /** Ends declaration; later calls to {@link #channel} throw. */
    public void seal() {
        sealed = true;
    }

    /**
     * The first route matching a topic.
     *
     * @param topic the topic
     * @return the route, or null when none matches
     */
    public Route match(String topic) {
        for (Route route : routes) {
            if (route.prefix ? topic.startsWith(route.text) : topic.equals(route.text)) {
                return route;
            }
        }
        return null;
    }

    /**
     * One declared route.
     *
     * @param pattern the pattern as declared
     * @param text the prefix or the exact topic
     * @param prefix whether it is a prefix match
     * @param channels the channel factory
     * @param assigns the route's static assigns
     */
    public record Route(String pattern, String text, boolean prefix,
            Supplier<? extends Channel> channels, Map<String, Object> assigns) {
    }
}
