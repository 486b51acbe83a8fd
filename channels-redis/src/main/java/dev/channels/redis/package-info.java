/**
 * Several nodes of one application on one Redis: {@link dev.channels.redis.RedisPubSub}
 * carries broadcasts (and later presence) between nodes through Redis pub/sub, so a client
 * on one node and a client on another in the same room cannot tell they are apart.
 *
 * <pre>{@code
 * Endpoint endpoint = Endpoint.builder()
 *         .socket("/socket", new UserSocket(tokens))
 *         .pubSub(RedisPubSub.create("redis://127.0.0.1:6379"))
 *         .nodeName("web-1")
 *         .build();
 * }</pre>
 */
package dev.channels.redis;
