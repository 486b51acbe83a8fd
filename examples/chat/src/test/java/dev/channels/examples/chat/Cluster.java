package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.channels.redis.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A private redis-server and chat nodes in separate JVMs around it, and the clients the test
 * opened on them. Skips the calling test class when redis-server is not on the PATH.
 */
final class Cluster implements AutoCloseable {

    /** The Redis channel prefix of {@code RedisPubSub.create}. */
    static final String PREFIX = "channels:";

    final RedisServer redis;
    final List<NodeProcess> nodes = new ArrayList<>();
    private final List<PhxClient> clients = new CopyOnWriteArrayList<>();

    private Cluster(RedisServer redis) {
        this.redis = redis;
    }

    /**
     * Starts Redis and nodes {@code a}, {@code b}, {@code c}... in parallel, and waits until
     * each serves HTTP and listens in Redis to its own channel and to presence.
     *
     * @param count the number of nodes
     * @param env extra environment of every node
     */
    static Cluster start(int count, Map<String, String> env) {
        assumeTrue(RedisServer.installed(), "redis-server is not on the PATH (apt-get install"
                + " redis-server, or run .ci/run): skipping the multi-process tests");
        Cluster cluster = new Cluster(RedisServer.start());
        try {
            Map<String, String> all = new HashMap<>(env);
            all.put("REDIS_URL", cluster.redis.uri());
            all.put("SECRET_KEY_BASE", "multi-node test secret, shared by every node");
            for (int i = 0; i < count; i++) {
                cluster.nodes.add(NodeProcess.launch(String.valueOf((char) ('a' + i)), all));
            }
            for (NodeProcess node : cluster.nodes) {
                node.awaitReady();
                cluster.awaitSubscribers("node:" + node.name, 1);
            }
            cluster.awaitSubscribers("phx_presence:0", count);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    NodeProcess node(String name) {
        return nodes.stream().filter(node -> node.name.equals(name)).findFirst().orElseThrow();
    }

    /** Connects a client for a user to a node. */
    PhxClient connect(String node, String userId) {
        PhxClient client = PhxClient.connect(node(node), userId);
        clients.add(client);
        return client;
    }

    /** Connects a client to a node and joins a topic. */
    PhxClient join(String node, String userId, String topic) {
        return connect(node, userId).join(topic);
    }

    /** Waits until this many nodes subscribe in Redis to a topic's channel. */
    void awaitSubscribers(String topic, long count) {
        until(Duration.ofSeconds(20), () -> redis.subscribers(PREFIX + topic) == count,
                () -> PREFIX + topic + " has " + redis.subscribers(PREFIX + topic)
                        + " subscribers in Redis, expected " + count);
    }

    /** Closes the clients opened so far (between tests sharing the nodes). */
    void closeClients() {
        clients.forEach(PhxClient::close);
        clients.clear();
    }

    /** Polls a condition every few milliseconds until it holds; fails after the limit. */
    static void until(Duration limit, BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + limit + ": " + failure.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Override
    public void close() {
        closeClients();
        nodes.forEach(NodeProcess::close);
        redis.close();
    }
}
