package dev.channels.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.core.Endpoint;
import dev.channels.core.memory.InMemoryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes of one chat app in one JVM, each an endpoint with its own {@link RedisPubSub}
 * on the Redis at 127.0.0.1:6379, with in-memory clients on each: a client cannot tell
 * which node the others are on. Each test uses its own key prefix.
 */
class MultiNodeTest {

    private final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<Endpoint> nodes = new ArrayList<>();
    private final List<RedisPubSub> adapters = new ArrayList<>();
    private final List<ChatClient> clients = new ArrayList<>();
    private RedisProbe redis;
    private Endpoint a;
    private Endpoint b;
    private Endpoint c;

    @BeforeEach
    void startThreeNodes() {
        RedisProbe.assumeRedisAt(6379);
        redis = new RedisProbe(RedisProbe.URI);
        a = node("a", prefix);
        b = node("b", prefix);
        c = node("c", prefix);
        for (String name : List.of("a", "b", "c")) {
            redis.awaitSubscribers(prefix + "node:" + name, 1);
        }
    }

    private Endpoint node(String name, String keyPrefix) {
        RedisPubSub adapter = RedisPubSub.builder(RedisProbe.URI).keyPrefix(keyPrefix).build();
        Endpoint endpoint = Endpoint.builder().socket("/socket", new ChatSocket())
                .pubSub(adapter).nodeName(name).build();
        adapters.add(adapter);
        nodes.add(endpoint);
        return endpoint;
    }

    private ChatClient client(Endpoint node, String topic) {
        ChatClient client = ChatClient.connect(node).join(topic);
        clients.add(client);
        return client;
    }

    @AfterEach
    void stopNodes() {
        clients.forEach(ChatClient::close);
        nodes.forEach(node -> node.shutdown(Duration.ofSeconds(1)));
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aBroadcastFromAnyNodeReachesEverySubscriberExactlyOnce() {
        List<ChatClient> room = List.of(client(a, "room:1"), client(a, "room:1"),
                client(b, "room:1"), client(b, "room:1"), client(c, "room:1"),
                client(c, "room:1"));
        redis.awaitSubscribers(prefix + "room:1", 3);

        for (int n = 0; n < 3; n++) {
            room.get(2 * n).push("room:1", "shout", "{'n':" + n + "}");
            for (ChatClient each : room) {
                each.expect("[null,null,'room:1','shout',{'n':" + n + "}]");
            }
        }
        b.broadcast("room:1", "shout", Map.of("n", 3));
        for (ChatClient each : room) {
            each.expect("[null,null,'room:1','shout',{'n':3}]");
        }
        room.forEach(ChatClient::expectNothingMore);
    }

    @Test
    void broadcastFromExcludesOnlyTheSender() {
        ChatClient sender = client(a, "room:1");
        List<ChatClient> others = List.of(client(a, "room:1"), client(b, "room:1"),
                client(c, "room:1"));
        redis.awaitSubscribers(prefix + "room:1", 3);

        sender.push("room:1", "shout_from", "{'n':1}");

        for (ChatClient each : others) {
            each.expect("[null,null,'room:1','shout',{'n':1}]");
        }
        sender.expectNothingMore();
        others.forEach(ChatClient::expectNothingMore);
    }

    @Test
    void aBinaryBroadcastArrivesOnOtherNodesAsTheSameBytes() {
        ChatClient sender = client(a, "room:bin");
        ChatClient remote = client(c, "room:bin");
        redis.awaitSubscribers(prefix + "room:bin", 2);

        sender.push("room:bin", "shout_binary", "{}");

        InMemoryClient.Frame local = sender.client.poll(ChatClient.WAIT);
        InMemoryClient.Frame crossed = remote.client.poll(ChatClient.WAIT);
        assertTrue(local.isBinary() && crossed.isBinary(), local + " and " + crossed);
        assertArrayEquals(local.bytes(), crossed.bytes());
        remote.expectNothingMore();
    }

    @Test
    void disconnectClosesThatUsersSocketsOnEveryNode() {
        ChatClient onA = ChatClient.connect(a, "7");
        ChatClient onC = ChatClient.connect(c, "7");
        ChatClient otherUser = ChatClient.connect(b, "8");
        clients.addAll(List.of(onA, onC, otherUser));
        redis.awaitSubscribers(prefix + "user_socket:7", 2);

        b.disconnect("user_socket:7");

        InMemoryClient.CloseStatus closed = new InMemoryClient.CloseStatus(1001, "disconnected",
                true);
        assertEquals(closed, onA.client.awaitClose(ChatClient.WAIT));
        assertEquals(closed, onC.client.awaitClose(ChatClient.WAIT));
        otherUser.expectNothingMore();
        assertFalse(otherUser.client.isClosed());
    }

    @Test
    void aNodeSubscribesInRedisOnlyToTopicsItHasSubscribersFor() {
        ChatClient first = client(a, "room:2");
        ChatClient second = client(a, "room:2");
        redis.awaitSubscribers(prefix + "room:2", 1);

        assertEquals(List.of(prefix + "room:2"), redis.channels(prefix + "room:*"));
        assertEquals(List.of(prefix + "node:a", prefix + "node:b", prefix + "node:c"),
                redis.channels(prefix + "node:*"));
        // Besides room:2, every node listens to presence replication (phx_presence:0).
        Await.until(ChatClient.WAIT, () -> adapters.get(0).stats().topics() == 2,
                () -> "node a subscribed to " + adapters.get(0).stats());
        assertEquals(1, adapters.get(1).stats().topics());

        first.leave("room:2");
        assertEquals(1, redis.subscribers(prefix + "room:2"));
        second.leave("room:2");
        redis.awaitSubscribers(prefix + "room:2", 0);
        assertEquals(List.of(), redis.channels(prefix + "room:*"));
    }

    @Test
    void keyPrefixesKeepApplicationsApart() {
        String otherPrefix = "other-" + prefix;
        Endpoint otherApp = node("a", otherPrefix);
        ChatClient ours = client(a, "room:1");
        ChatClient theirs = client(otherApp, "room:1");
        redis.awaitSubscribers(prefix + "room:1", 1);
        redis.awaitSubscribers(otherPrefix + "room:1", 1);

        ours.push("room:1", "shout", "{'app':'ours'}");
        theirs.push("room:1", "shout", "{'app':'theirs'}");

        ours.expect("[null,null,'room:1','shout',{'app':'ours'}]");
        theirs.expect("[null,null,'room:1','shout',{'app':'theirs'}]");
        ours.expectNothingMore();
        theirs.expectNothingMore();
    }
}
