package dev.channels.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A plain Redis connection beside the adapters under test: sees which channels have
 * subscribers ({@code PUBSUB NUMSUB}, {@code PUBSUB CHANNELS}) and publishes raw bytes.
 */
final class RedisProbe implements AutoCloseable {

    /** The shared Redis of the multi-node tests. */
    static final String URI = "redis://127.0.0.1:6379";

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> commands;

    RedisProbe(String uri) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.commands = connection.sync();
    }

    /** Skips the calling test, with a message, when no Redis answers on that port. */
    static void assumeRedisAt(int port) {
        assumeTrue(answersPing(port), "no Redis answers at 127.0.0.1:" + port + "; start one"
                + " with `redis-server --port " + port + " --save '' --appendonly no"
                + " --daemonize yes` (or run .ci/run, which does): skipping the Redis tests");
    }

    static boolean answersPing(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    /** The number of subscribers of a channel. */
    long subscribers(String channel) {
        byte[] name = bytes(channel);
        return commands.pubsubNumsub(name).entrySet().stream().findFirst()
                .map(java.util.Map.Entry::getValue).orElse(0L);
    }

    /** The channels with subscribers that match a glob pattern. */
    List<String> channels(String pattern) {
        return commands.pubsubChannels(bytes(pattern)).stream()
                .map(name -> new String(name, StandardCharsets.UTF_8)).sorted().toList();
    }

    /** Waits until a channel has exactly this many subscribers. */
    void awaitSubscribers(String channel, long expected) {
        Await.until(Duration.ofSeconds(5), () -> subscribers(channel) == expected,
                () -> channel + " has " + subscribers(channel) + " subscribers, expected "
                        + expected);
    }

    /** Publishes raw bytes. */
    long publish(String channel, byte[] body) {
        return commands.publish(bytes(channel), body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
