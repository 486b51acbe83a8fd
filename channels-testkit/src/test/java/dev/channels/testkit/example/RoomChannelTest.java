package dev.channels.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.core.Endpoint;
import dev.channels.core.Token;
import dev.channels.testkit.ChannelsTestExtension;
import dev.channels.testkit.JoinResult;
import dev.channels.testkit.TestChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's RoomChannelTest, written as a user of the kit would write it. Its presence line
 * ("presence is tracked on join") waits for the presence API.
 */
class RoomChannelTest {

    private final Token tokens = Token.builder("a secret key base of at least twenty bytes")
            .build();
    private final Rooms rooms = new Rooms().add("room:42", "7");
    private final UserSocket userSocket = new UserSocket(tokens, rooms);

    @RegisterExtension
    final ChannelsTestExtension kit = ChannelsTestExtension.of(
            () -> Endpoint.builder().socket("/socket", userSocket).build());

    private TestChannel joinAsMember() {
        String token = tokens.sign(UserSocket.SALT, "7");
        return kit.connect(userSocket, Map.of("token", token)).subscribeAndJoin("room:42")
                .channel();
    }

    @Test
    void aNewMessageIsRepliedOkAndBroadcastToTheRoom() {
        TestChannel room = joinAsMember();

        String ref = room.push("new_msg", Map.of("body", "hello"));

        room.assertReply(ref, "ok");
        kit.assertBroadcast("new_msg", Map.of("body", "hello", "user_id", "7"));
        room.assertPush("new_msg", Map.of("body", "hello", "user_id", "7"));
        kit.assertNoMoreEvents();
    }

    @Test
    void anEmptyBodyIsRepliedWithErrors() {
        TestChannel room = joinAsMember();

        String ref = room.push("new_msg", Map.of("body", ""));

        room.assertReply(ref, "error", Map.of("errors", Map.of("body", "can't be blank")));
        kit.refuteBroadcast("new_msg");
    }

    @Test
    void anOutsiderIsRefused() {
        JoinResult joined = kit.socket(userSocket, Map.of("user_id", "8")).join("room:42");

        assertTrue(joined.isError());
        assertEquals(Map.of("reason", "unauthorized"), joined.reply().value());
    }

    @Test
    void aForgedTokenCannotConnect() {
        assertTrue(kit.tryConnect(userSocket, Map.of("token", "forged")).isRefused());
    }
}
