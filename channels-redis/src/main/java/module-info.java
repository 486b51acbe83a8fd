/**
 * The Redis pub/sub adapter: several nodes of one application share broadcasts through
 * Redis. Its one public type to start from is {@link dev.channels.redis.RedisPubSub}.
 */
@SuppressWarnings("requires-automatic")
module dev.channels.redis {
    requires transitive dev.channels.api;
    requires lettuce.core;
    requires org.slf4j;

    exports dev.channels.redis;
}
