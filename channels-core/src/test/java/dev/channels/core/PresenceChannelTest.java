package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Presence;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence through a real channel on the in-memory transport: the exact §5.3 frames for the
 * state push and for join, update and leave diffs (phx_ref values, random by design, are
 * shown as R, R1, R2 in the order they first appear).
 */
class PresenceChannelTest {

    private final AtomicReference<Presence> presence = new AtomicReference<>();
    private final Endpoint endpoint = Endpoint.builder().socket("/socket", new PresenceSocket())
            .presenceDiffWindow(Duration.ZERO).build();

    {
        presence.set(endpoint.presence());
    }

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    /** Joins as a user and returns the state push and the join diff, refs normalized. */
    private List<String> join(Wire wire, String user) {
        wire.send("['1','1','room:pres','phx_join',{'user':'" + user + "'}]")
                .expect("['1','1','room:pres','phx_reply',{'response':{},'status':'ok'}]");
        return List.of(wire.next(), wire.next());
    }

    private static String refs(String frame, List<String> seen) {
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16}").matcher(frame);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String ref = matcher.group();
            if (!seen.contains(ref)) {
                seen.add(ref);
            }
            matcher.appendReplacement(out, "R" + seen.indexOf(ref));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Test
    void stateJoinUpdateAndLeaveFramesAreExactlyPhoenixs() {
        List<String> seen = new ArrayList<>();
        try (Wire wire = Wire.v2(endpoint)) {
            List<String> first = new ArrayList<>();
            for (String frame : join(wire, "u1")) {
                first.add(refs(frame, seen));
            }
            first.sort(null);

            assertEquals(List.of(
                    Wire.frame("['1',null,'room:pres','presence_state',"
                            + "{'u1':{'metas':[{'online_at':'t0','phx_ref':'R0'}]}}]"),
                    Wire.frame("[null,null,'room:pres','presence_diff',{'joins':"
                            + "{'u1':{'metas':[{'online_at':'t0','phx_ref':'R0'}]}},"
                            + "'leaves':{}}]")), first);

            wire.send("['1','2','room:pres','update',{}]");
            List<String> updated = new ArrayList<>(List.of(refs(wire.next(), seen),
                    refs(wire.next(), seen)));
            updated.sort(null);
            assertEquals(List.of(
                    Wire.frame("['1','2','room:pres','phx_reply',{'response':{},'status':'ok'}]"),
                    Wire.frame("[null,null,'room:pres','presence_diff',{'joins':{'u1':{'metas':"
                            + "[{'online_at':'t1','phx_ref':'R1','phx_ref_prev':'R0'}]}},"
                            + "'leaves':{'u1':{'metas':[{'online_at':'t0','phx_ref':'R0'}]}}}]")),
                    updated);
        }
    }

    @Test
    void aLeavingChannelsPresenceLeavesWithADiffOthersSee() {
        List<String> seen = new ArrayList<>();
        try (Wire watcher = Wire.v2(endpoint); Wire leaver = Wire.v2(endpoint)) {
            join(watcher, "u1").forEach(frame -> refs(frame, seen));
            join(leaver, "u2");
            refs(watcher.next(), seen);

            leaver.send("['1','3','room:pres','phx_leave',{}]");

            assertEquals(Wire.frame("[null,null,'room:pres','presence_diff',{'joins':{},"
                    + "'leaves':{'u2':{'metas':[{'online_at':'t0','phx_ref':'R1'}]}}}]"),
                    refs(watcher.next(), seen));
            assertEquals(Map.of("u1", 1), counts(presence.get().list("room:pres")));
        }
    }

    @Test
    void aCrashedChannelsPresenceLeaves() {
        List<String> seen = new ArrayList<>();
        try (Wire watcher = Wire.v2(endpoint); Wire crasher = Wire.v2(endpoint)) {
            join(watcher, "u1").forEach(frame -> refs(frame, seen));
            join(crasher, "u2");
            refs(watcher.next(), seen);

            crasher.send("['1','3','room:pres','crash',{}]");

            assertEquals(Wire.frame("[null,null,'room:pres','presence_diff',{'joins':{},"
                    + "'leaves':{'u2':{'metas':[{'online_at':'t0','phx_ref':'R1'}]}}}]"),
                    refs(watcher.next(), seen));
        }
    }

    @Test
    void aClosedSocketsPresenceLeaves() {
        List<String> seen = new ArrayList<>();
        try (Wire watcher = Wire.v2(endpoint)) {
            join(watcher, "u1").forEach(frame -> refs(frame, seen));
            try (Wire closer = Wire.v2(endpoint)) {
                join(closer, "u2");
                refs(watcher.next(), seen);
            }

            assertEquals(Wire.frame("[null,null,'room:pres','presence_diff',{'joins':{},"
                    + "'leaves':{'u2':{'metas':[{'online_at':'t0','phx_ref':'R1'}]}}}]"),
                    refs(watcher.next(), seen));
        }
    }

    private static Map<String, Integer> counts(Map<String, Map<String, Object>> listed) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        listed.forEach((key, entry) -> out.put(key, ((List<?>) entry.get("metas")).size()));
        return out;
    }

    /** Routes room:* to a channel that tracks its user after join, as §5.2 shows. */
    private final class PresenceSocket implements Socket {

        @Override
        public void routes(Routes routes) {
            routes.channel("room:*", PresenceChannel::new);
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept(Map.of());
        }

        private final class PresenceChannel implements Channel {

            private String user;

            @Override
            public Join join(String topic, Payload params, ChannelContext channel) {
                user = String.valueOf(params.as(Map.class).get("user"));
                channel.send("after_join");
                return Join.ok();
            }

            @Override
            public void handleInfo(Object message, ChannelContext channel) {
                presence.get().track(channel, user, Map.of("online_at", "t0"));
                channel.push("presence_state", presence.get().list(channel.topic()));
            }

            @Override
            public Reply handleIn(String event, Payload payload, ChannelContext channel) {
                if (event.equals("crash")) {
                    throw new IllegalStateException("crash on purpose");
                }
                presence.get().update(channel, user, Map.of("online_at", "t1"));
                return Reply.ok();
            }
        }
    }
}
