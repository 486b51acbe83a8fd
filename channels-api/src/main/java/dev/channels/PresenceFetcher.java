package dev.channels;

import java.util.Map;

/**
 * Enriches presences before they are listed or sent in a diff, for example by loading the
 * users behind a batch of keys in one query (Phoenix's {@code fetch/2}).
 *
 * <p>Called with a topic and its presences as {@code key -> {"metas": [meta, ...]}}; returns
 * the same keys, each map keeping {@code "metas"} and possibly adding entries next to it
 * (such as {@code "user"}). It runs once per {@link Presence#list} call and once per diff
 * (never per subscriber), on a runtime thread, and may be called for several topics at the
 * same time, so it must be thread-safe. If it throws, the list call throws and the diff is
 * dropped (and logged); clients then miss that change until they rejoin.
 */
@FunctionalInterface
public interface PresenceFetcher {

    /** The default: presences pass through unchanged. */
    PresenceFetcher IDENTITY = (topic, presences) -> presences;

    /**
     * Enriches a batch of presences.
     *
     * @param topic the topic
     * @param presences key to {@code {"metas": [...]}}; a fresh map the fetcher may change
     * @return the presences to list or send
     */
    Map<String, Map<String, Object>> fetch(String topic,
            Map<String, Map<String, Object>> presences);
}
