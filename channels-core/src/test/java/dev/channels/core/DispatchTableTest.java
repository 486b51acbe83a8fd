package dev.channels.core;

import static dev.channels.core.ChannelConformanceTest.join;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The socket's dispatch table, PROTOCOL.md §4.2 rules 6 to 11. */
class DispatchTableTest {

    private final Endpoint endpoint = Endpoint.builder().socket("/socket", new TestSocket())
            .build();

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void aStaleLeaveIsIgnored() {
        try (Wire wire = Wire.v2(endpoint)) {
            join(wire, "5", "room:1");
            wire.send("['4','6','room:1','phx_leave',{}]");
            wire.expectNothingMore();
            wire.send("['5','7','room:1','ping',{}]")
                    .expect("['5','7','room:1','phx_reply',{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void aStaleEventIsDroppedSilently() {
        try (Wire wire = Wire.v2(endpoint)) {
            join(wire, "5", "room:1");
            wire.send("['4','6','room:1','ping',{}]");
            wire.expectNothingMore();
        }
    }

    @Test
    void anEventWithANullJoinRefReachesTheChannel() {
        try (Wire wire = Wire.v2(endpoint)) {
            join(wire, "5", "room:1");
            wire.send("[null,'6','room:1','ping',{}]")
                    .expect("['5','6','room:1','phx_reply',{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void aLeaveWithANullJoinRefLeaves() {
        try (Wire wire = Wire.v2(endpoint)) {
            join(wire, "5", "room:1");
            wire.send("[null,'6','room:1','phx_leave',{}]")
                    .expect("['5','6','room:1','phx_reply',{'response':{},'status':'ok'}]")
                    .expect("['5','5','room:1','phx_close',{}]");
        }
    }

    @Test
    void leavingATopicNotJoinedRepliesOkEchoingTheJoinRef() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['8','9','room:never','phx_leave',{}]")
                    .expect("['8','9','room:never','phx_reply',{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void anEventOnATopicNotJoinedIsUnmatched() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['8','9','room:never','ping',{}]")
                    .expect("[null,'9','room:never','phx_reply',"
                            + "{'response':{'reason':'unmatched topic'},'status':'error'}]");
        }
    }

    @Test
    void theJsClientsLeaveThenRejoinOfATopicEndsWithTheNewJoin() {
        try (Wire wire = Wire.v2(endpoint)) {
            join(wire, "12", "room:3");
            wire.send("['12','15','room:3','phx_leave',{}]");
            wire.send("['16','16','room:3','phx_join',{}]");
            String seen = String.join("\n", wire.next(), wire.next(), wire.next());
            org.junit.jupiter.api.Assertions.assertTrue(seen.contains(Wire.frame(
                    "['16','16','room:3','phx_reply',{'response':{},'status':'ok'}]")), seen);
            wire.send("['16','17','room:3','ping',{}]");
            String reply = Wire.frame(
                    "['16','17','room:3','phx_reply',{'response':{},'status':'ok'}]");
            String next = wire.next();
            while (!next.equals(reply)) {
                next = wire.next();
            }
        }
    }
}
