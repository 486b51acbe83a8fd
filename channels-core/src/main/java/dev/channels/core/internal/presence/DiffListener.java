package dev.channels.core.internal.presence;

import java.util.SortedMap;

/**
 * Told of every change of the visible presences on this node, local or merged from another
 * node. Calls for one shard (and so for one topic) never overlap and come in the order of the
 * changes; calls for different shards may run at the same time. Runs with no lock held, on
 * the thread that made or received the change: it must be quick and must not throw.
 */
@FunctionalInterface
public interface DiffListener {

    /**
     * Receives one change.
     *
     * @param byTopic each changed topic with its joins and leaves; never empty
     */
    void diff(SortedMap<String, Changes> byTopic);
}
