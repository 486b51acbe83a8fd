package dev.channels.testkit.example;

import static dev.channels.testkit.Payloads.having;
import static dev.channels.testkit.Payloads.matching;
import static dev.channels.testkit.Payloads.withKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.core.Endpoint;
import dev.channels.core.Token;
import dev.channels.testkit.ChannelsTestExtension;
import dev.channels.testkit.JoinResult;
import dev.channels.testkit.TestChannel;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's RoomChannelTest, written as a user of the kit would write it, with its presence
 * line: a member is tracked on join and sees the room's {@code presence_state}.
 */
class RoomChannelTest {

    private final Token tokens = Token.builder("a secret key base of at least twenty bytes")
            .build();
    private final Rooms rooms = new Rooms().add("room:42", "7");
    private final UserSocket userSocket = new UserSocket(tokens, rooms,
            () -> this.kit.endpoint().presence());

    @RegisterExtension
    final ChannelsTestExtension kit = ChannelsTestExtension.of(
            () -> Endpoint.builder().socket("/socket", userSocket).build());

    /** Joins room:42 as user 7 and takes the presence events every join brings. */
    private TestChannel joinAsMember() {
        String token = tokens.sign(UserSocket.SALT, "7");
        TestChannel room = kit.connect(userSocket, Map.of("token", token))
                .subscribeAndJoin("room:42").channel();
        room.assertPush("presence_state", withKeys("7"));
        room.assertPush("presence_diff", having("joins", withKeys("7")));
        kit.assertBroadcast("presence_diff", having("joins", withKeys("7")));
        return room;
    }

    @Test
    void aMemberIsTrackedOnJoinAndSeesThePresenceState() {
        String token = tokens.sign(UserSocket.SALT, "7");
        TestChannel room = kit.connect(userSocket, Map.of("token", token))
                .subscribeAndJoin("room:42").channel();

        room.assertPush("presence_state", having("7",
                having("metas", matching("one meta with online_at",
                        metas -> metas.as(Map[].class).length == 1
                                && metas.as(Map[].class)[0].containsKey("online_at")))));
        kit.assertBroadcast("presence_diff", having(Map.of("joins", withKeys("7"),
                "leaves", Map.of())));
        assertEquals(Set.of("7"), kit.endpoint().presence().list("room:42").keySet());

        room.leave();
        kit.assertBroadcast("presence_diff", having(Map.of("joins", Map.of(),
                "leaves", withKeys("7"))));
        assertEquals(Map.of(), kit.endpoint().presence().list("room:42"));
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
