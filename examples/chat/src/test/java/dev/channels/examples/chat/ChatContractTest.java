package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Binary;
import dev.channels.Payload;
import dev.channels.core.Token;
import dev.channels.testkit.ChannelsTestExtension;
import dev.channels.testkit.ConnectResult;
import dev.channels.testkit.JoinResult;
import dev.channels.testkit.PayloadMatcher;
import dev.channels.testkit.Payloads;
import dev.channels.testkit.TestChannel;
import dev.channels.testkit.TestSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chat's socket and channel contract, line by line, through the test kit: the real
 * {@link ChatSocket} and {@link RoomChannel} on the chat's own endpoint, without a server.
 * Asserts wait up to 10 s for their event and return as soon as it arrives.
 */
class ChatContractTest {

    private static final String SECRET = "the chat contract test's secret key base";
    private static final Map<String, Object> BLANK =
            Map.of("errors", Map.of("body", List.of("can't be blank")));

    private final Token tokens = Token.builder(SECRET).build();
    private Chat chat;

    @RegisterExtension
    final ChannelsTestExtension kit = ChannelsTestExtension.of(() -> {
        chat = new Chat(Map.of("SECRET_KEY_BASE", SECRET));
        return chat.endpoint();
    }).assertTimeout(Duration.ofSeconds(10));

    // ---------------------------------------------------------------- connect

    @Test
    void aValidTokenConnectsAsTheUsersSocketWithTheUserIdAsAString() {
        TestSocket socket = kit.connect(chat.socket(), Map.of("token", chat.token("7")));

        assertEquals("users_socket:7", socket.id().orElseThrow());
        assertEquals("7", socket.assigns().get("user_id"));
    }

    @Test
    void aNumericUserIdInTheTokenIsAssignedAsAString() {
        String token = tokens.sign(ChatSocket.SALT, 42);

        TestSocket socket = kit.connect(chat.socket(), Map.of("token", token));

        assertEquals("42", socket.assigns().get("user_id"));
        assertEquals("users_socket:42", socket.id().orElseThrow());
    }

    @Test
    void aConnectWithoutATokenIsRefused() {
        ConnectResult refused = kit.tryConnect(chat.socket(), Map.of());

        assertTrue(refused.isRefused());
        assertEquals(403, refused.status());
    }

    @Test
    void aForgedTokenOrOneOfAnotherSecretOrSaltIsRefused() {
        String otherSecret = Token.builder("another secret key base, also long enough").build()
                .sign(ChatSocket.SALT, "7");
        String otherSalt = tokens.sign("user", "7");

        assertEquals(403, kit.tryConnect(chat.socket(), Map.of("token", "forged")).status());
        assertTrue(kit.tryConnect(chat.socket(), Map.of("token", otherSecret)).isRefused());
        assertTrue(kit.tryConnect(chat.socket(), Map.of("token", otherSalt)).isRefused());
    }

    @Test
    void aTokenOlderThanOneDayIsRefusedWhateverMaxAgeItCarries() {
        Token.SignOptions twoDaysAgo = Token.SignOptions.defaults()
                .signedAt(Instant.now().minus(Duration.ofDays(2)));
        String expired = tokens.sign(ChatSocket.SALT, "7", twoDaysAgo);
        String longLived = tokens.sign(ChatSocket.SALT, "7",
                twoDaysAgo.maxAge(Duration.ofDays(30)));

        assertTrue(kit.tryConnect(chat.socket(), Map.of("token", expired)).isRefused());
        assertTrue(kit.tryConnect(chat.socket(), Map.of("token", longLived)).isRefused());
    }

    @Test
    void aTokenLessThanOneDayOldStillConnects() {
        String token = tokens.sign(ChatSocket.SALT, "7", Token.SignOptions.defaults()
                .signedAt(Instant.now().minus(Duration.ofHours(23))));

        assertTrue(kit.tryConnect(chat.socket(), Map.of("token", token)).isAccepted());
    }

    // ---------------------------------------------------------------- join and presence

    @Test
    void theSecretRoomRefusesTheJoinAsUnauthorized() {
        JoinResult joined = connect("7").join("room:secret");

        assertTrue(joined.isError());
        assertEquals(Map.of("reason", "unauthorized"), joined.reply().value());
        assertEquals(0, kit.endpoint().channelCount());
    }

    @Test
    void aJoinedUserIsTrackedAndGetsThePresenceStateWithItself() {
        long before = Instant.now().getEpochSecond();
        TestChannel room = connect("7").subscribeAndJoin("room:lobby").channel();

        Payload state = room.assertPush("presence_state", Payloads.matching("user 7 online",
                p -> p.get("7").get("metas").value() instanceof List<?> metas
                        && metas.size() == 1));
        String onlineAt = onlyMeta(state, "7").get("online_at").toString();

        assertTrue(onlineAt.matches("[0-9]+"), () -> "online_at is " + onlineAt);
        long seconds = Long.parseLong(onlineAt);
        assertTrue(seconds >= before && seconds <= Instant.now().getEpochSecond(),
                () -> "online_at " + seconds + " is not the join's unix time");
        assertEquals(List.of("7"), List.copyOf(chat.presence().list("room:lobby").keySet()));
        room.assertPush("presence_diff", joinOf("7", "online at join",
                meta -> onlineAt.equals(meta.get("online_at"))));
    }

    @Test
    void aNewcomerSeesEveryoneAlreadyInTheRoom() {
        joinRoom("7", "room:lobby");

        TestChannel second = connect("8").join("room:lobby").channel();

        second.assertPush("presence_state", Payloads.withKeys("7", "8"));
    }

    @Test
    void typingUpdatesThePresenceMetaWithoutAReply() {
        TestChannel room = joinRoom("7", "room:lobby");

        String ref = room.push("typing", Map.of("typing", true));

        room.assertPush("presence_diff", joinOf("7", "typing true",
                meta -> Boolean.TRUE.equals(meta.get("typing"))
                        && meta.get("online_at") instanceof String));
        room.refuteReply(ref);
        Map<String, Object> meta = chat.presence().list("room:lobby").get("7");
        assertEquals(true, ((Map<?, ?>) ((List<?>) meta.get("metas")).get(0)).get("typing"));
    }

    // ---------------------------------------------------------------- messages

    @Test
    void aNewMessageIsBroadcastToTheRoomRepliedOkAndKept() {
        TestChannel room = joinRoom("7", "room:lobby");
        TestChannel other = joinRoom("8", "room:lobby");
        Map<String, Object> message = Map.of("body", "hello", "user_id", "7");

        String ref = room.push("new_msg", Map.of("body", "hello"));

        room.assertReply(ref, "ok", Map.of());
        kit.assertBroadcast("new_msg", message);
        room.assertPush("new_msg", message);
        other.assertPush("new_msg", message);
        assertEquals(List.of(message), chat.recent().of("room:lobby"));
    }

    @Test
    void anEmptyBodyIsRepliedCantBeBlankAndNotBroadcast() {
        TestChannel room = joinRoom("7", "room:lobby");

        String ref = room.push("new_msg", Map.of("body", ""));

        room.assertReply(ref, "error", BLANK);
        kit.refuteBroadcast("new_msg");
        assertEquals(List.of(), chat.recent().of("room:lobby"));
    }

    @Test
    void aMissingBodyIsRepliedCantBeBlankAndNotBroadcast() {
        TestChannel room = joinRoom("7", "room:lobby");

        String ref = room.push("new_msg", Map.of("text", "hello"));

        room.assertReply(ref, "error", BLANK);
        kit.refuteBroadcast("new_msg");
    }

    // ---------------------------------------------------------------- other events

    @Test
    void pingRepliesOkWithTheJsonPayloadItGot() {
        TestChannel room = joinRoom("7", "room:lobby");
        Map<String, Object> payload = Map.of("n", 1, "nested", Map.of("list", List.of("a", 2)));

        String ref = room.push("ping", payload);

        room.assertReply(ref, "ok", payload);
    }

    @Test
    void pingEchoesABinaryPayloadAsABinaryReply() {
        TestChannel room = joinRoom("7", "room:lobby");
        Binary bytes = Binary.of((byte) 0, (byte) 1, (byte) 255);

        String ref = room.push("ping", bytes);

        assertTrue(room.assertReply(ref, "ok", bytes).isBinary());
    }

    @Test
    void crashThrowsAndTheClientSeesTheChannelCrash() {
        TestChannel room = joinRoom("7", "room:lobby");

        String ref = room.push("crash");

        assertEquals(Map.of("reason", "channel_crash"), room.assertCrashed().value());
        room.refuteReply(ref);
        assertEquals(0, kit.endpoint().channelCount());
    }

    @Test
    void stopRepliesOkThenClosesTheChannel() {
        TestChannel room = joinRoom("7", "room:lobby");

        String ref = room.push("stop");

        room.assertReply(ref, "ok", Map.of());
        room.assertClosed();
    }

    @Test
    void binPushPushesTheBinaryPayloadBackAsBinary() {
        TestChannel room = joinRoom("7", "room:lobby");
        Binary bytes = Binary.of((byte) 9, (byte) 8, (byte) 7);

        String ref = room.push("bin_push", bytes);

        assertTrue(room.assertPush("bin_push", bytes).isBinary());
        room.refuteReply(ref);
    }

    @Test
    void binBroadcastBroadcastsTheBinaryPayloadAndRepliesOk() {
        TestChannel room = joinRoom("7", "room:lobby");
        TestChannel other = joinRoom("8", "room:lobby");
        Binary bytes = Binary.of((byte) 1, (byte) 2, (byte) 3, (byte) 4);

        String ref = room.push("bin_broadcast", bytes);

        room.assertReply(ref, "ok", Map.of());
        assertTrue(kit.assertBroadcast("bin_broadcast", bytes).isBinary());
        assertTrue(other.assertPush("bin_broadcast", bytes).isBinary());
        assertTrue(room.assertPush("bin_broadcast", bytes).isBinary());
    }

    // ---------------------------------------------------------------- bench

    @Test
    void aBenchRoomHasNoPresence() {
        TestChannel bench = connect("7").subscribeAndJoin("bench:1").channel();
        String ref = bench.push("typing", Map.of("typing", true));

        String ping = bench.push("ping", Map.of("n", 1));

        bench.assertReply(ping, "ok", Map.of("n", 1));
        bench.refuteReply(ref);
        bench.refutePush("presence_state");
        bench.refutePush("presence_diff");
        assertEquals(Map.of(), chat.presence().list("bench:1"));
    }

    @Test
    void aBenchRoomOtherwiseBehavesLikeARoom() {
        TestChannel bench = connect("7").subscribeAndJoin("bench:1").channel();

        String ok = bench.push("new_msg", Map.of("body", "load"));
        String blank = bench.push("new_msg", Map.of("body", ""));
        String bin = bench.push("bin_broadcast", Binary.of((byte) 5));

        bench.assertReply(ok, "ok", Map.of());
        bench.assertPush("new_msg", Map.of("body", "load", "user_id", "7"));
        bench.assertReply(blank, "error", BLANK);
        bench.assertReply(bin, "ok", Map.of());
        bench.assertPush("bin_broadcast", Binary.of((byte) 5));
        assertTrue(connect("8").join("bench:secret").isOk());
    }

    // ---------------------------------------------------------------- helpers

    private TestSocket connect(String userId) {
        return kit.connect(chat.socket(), Map.of("token", chat.token(userId)));
    }

    /**
     * Connects a user and joins a room, taking the join's own presence traffic (the state
     * and the diff of this join) out of the way so that a test asserts only on its own.
     */
    private TestChannel joinRoom(String userId, String topic) {
        TestChannel room = connect(userId).subscribeAndJoin(topic).channel();
        room.assertPush("presence_state", Payloads.withKeys(userId));
        room.assertPush("presence_diff", joinOf(userId, "its join", meta -> true));
        return room;
    }

    private static Map<?, ?> onlyMeta(Payload presences, String key) {
        List<?> metas = (List<?>) presences.get(key).get("metas").value();
        assertEquals(1, metas.size(), () -> "metas of " + key + ": " + metas);
        return (Map<?, ?>) metas.get(0);
    }

    /** A presence diff whose joins hold the key with one meta the predicate accepts. */
    private static PayloadMatcher joinOf(String key, String what,
            Predicate<Map<?, ?>> meta) {
        return Payloads.matching("a presence_diff joining " + key + " with " + what, diff -> {
            List<?> metas = (List<?>) diff.get("joins").get(key).get("metas").value();
            return metas.size() == 1 && meta.test((Map<?, ?>) metas.get(0));
        });
    }
}
