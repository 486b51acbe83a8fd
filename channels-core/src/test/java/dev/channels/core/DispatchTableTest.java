package dev.channels.core;

import static dev.channels.core.ChannelConformanceTest.join;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            // The old channel either handles its leave first (reply, phx_close, you_left) or
            // is replaced by the join (phx_close after the new reply): the new join is ok
            // either way, and everything about the old one carries join ref 12.
            String joinReply = Wire.frame(
                    "['16','16','room:3','phx_reply',{'response':{},'status':'ok'}]");
            List<String> seen = new ArrayList<>();
            while (!seen.contains(joinReply)) {
                assertTrue(seen.size() < 4, () -> "no join reply among " + seen);
                seen.add(wire.next());
            }
            seen.remove(joinReply);
            assertTrue(seen.stream().allMatch(frame -> frame.startsWith("[\"12\"")),
                    seen::toString);

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
