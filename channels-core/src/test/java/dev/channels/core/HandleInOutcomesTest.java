package dev.channels.core;

import static dev.channels.core.ChannelConformanceTest.awaitTrue;
import static dev.channels.core.ChannelConformanceTest.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Broadcast;
import dev.channels.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every handleIn outcome of PROTOCOL.md §4.8, replies, pushes and broadcasts (§4.9–§4.11). */
class HandleInOutcomesTest {

    private final TestSocket socket = new TestSocket();
    private final Endpoint endpoint = Endpoint.builder().socket("/socket", socket).build();

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    private Wire joined(String topic) {
        Wire wire = Wire.v2(endpoint);
        join(wire, "2", topic);
        return wire;
    }

    @Test
    void replyOkWithAPayload() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','3','room:1','ping',{'p':[1,'x',null,true]}]")
                    .expect("['2','3','room:1','phx_reply',"
                            + "{'response':{'p':[1,'x',null,true]},'status':'ok'}]");
        }
    }

    @Test
    void replyError() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','5','room:1','err',{}]")
                    .expect("['2','5','room:1','phx_reply',"
                            + "{'response':{'reason':'bad'},'status':'error'}]");
        }
    }

    @Test
    void replyWithAnyStatusAndAnyJsonResponse() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','6','room:1','custom',{}]")
                    .expect("['2','6','room:1','phx_reply',"
                            + "{'response':[1,2],'status':'accepted'}]");
        }
    }

    @Test
    void noReplySendsNothing() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','7','room:1','bcast_from',{}]");
            wire.expectNothingMore();
        }
    }

    @Test
    void pushesMadeDuringHandleInGoOutBeforeTheReply() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','8','room:1','push_then_reply',{}]")
                    .expect("['2',null,'room:1','pushed',{'n':1}]")
                    .expect("['2','8','room:1','phx_reply',{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void stopWithAReplyRepliesThenCloses() {
        try (Wire wire = joined("room:s1")) {
            wire.send("['2','26','room:s1','stop',{}]")
                    .expect("['2','26','room:s1','phx_reply',"
                            + "{'response':{'bye':true},'status':'ok'}]")
                    .expect("['2','2','room:s1','phx_close',{}]")
                    .expect("['2',null,'room:s1','you_left',{'message':'bye!'}]");
        }
        assertEquals(List.of("room:s1 shutdown"), socket.terminated);
    }

    @Test
    void stopWithoutAReplyOnlyCloses() {
        try (Wire wire = joined("room:s2")) {
            wire.send("['2','9','room:s2','stop_silently',{}]")
                    .expect("['2','2','room:s2','phx_close',{}]")
                    .expect("['2',null,'room:s2','you_left',{'message':'bye!'}]");
        }
        assertEquals(List.of("room:s2 normal"), socket.terminated);
    }

    @Test
    void stopWithAnErrorReasonSendsPhxError() {
        try (Wire wire = joined("room:s3")) {
            wire.send("['2','10','room:s3','stop_badly',{}]")
                    .expect("['2',null,'room:s3','you_left',{'message':'bye!'}]")
                    .expect("['2','2','room:s3','phx_error',{'reason':'channel_crash'}]");
        }
    }

    @Test
    void aMistypedPayloadIsAnErrorReplyAndTheChannelGoesOn() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','11','room:1','typed',{'body':{'not':'a string'}}]")
                    .expect("['2','11','room:1','phx_reply',"
                            + "{'response':{'reason':'invalid payload'},'status':'error'}]");
            wire.send("['2','12','room:1','typed','just a string']")
                    .expect("['2','12','room:1','phx_reply',"
                            + "{'response':{'reason':'invalid payload'},'status':'error'}]");
            wire.send("['2','13','room:1','typed',{'body':'hi'}]")
                    .expect("['2','13','room:1','phx_reply',"
                            + "{'response':{'body':'hi'},'status':'ok'}]");
        }
    }

    @Test
    void aPushWhosePayloadIsNotAnObjectCrashesTheChannel() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','14','room:1','bad_push',{}]")
                    .expect("['2',null,'room:1','you_left',{'message':'bye!'}]")
                    .expect("['2','2','room:1','phx_error',{'reason':'channel_crash'}]");
        }
    }

    @Test
    void aReplyCanBeSentLaterFromAnotherThread() {
        try (Wire wire = joined("room:1")) {
            wire.send("['2','15','room:1','async',{}]")
                    .expect("['2','15','room:1','phx_reply',"
                            + "{'response':{'later':true},'status':'ok'}]");
        }
    }

    @Test
    void broadcastFromReachesEveryoneButTheSender() {
        try (Wire a = joined("room:b"); Wire b = joined("room:b")) {
            a.expect("[null,null,'room:b','user_entered',{'user':null}]");
            a.send("['2','3','room:b','bcast_from',{}]");
            b.expect("[null,null,'room:b','bcast_from',{'m':1}]");
            a.expectNothingMore();
        }
    }

    @Test
    void anEndpointBroadcastReachesEverySubscriberAndHostSubscriptions() {
        List<Broadcast> heard = new CopyOnWriteArrayList<>();
        Subscription subscription = endpoint.subscribe("room:b", heard::add);
        try (Wire a = joined("room:b"); Wire b = joined("room:b")) {
            a.expect("[null,null,'room:b','user_entered',{'user':null}]");
            heard.clear();
            endpoint.broadcast("room:b", "news", Map.of("z", 1, "a", 2));
            a.expect("[null,null,'room:b','news',{'a':2,'z':1}]");
            b.expect("[null,null,'room:b','news',{'a':2,'z':1}]");
            awaitTrue(() -> heard.stream().anyMatch(each -> each.event().equals("news")));
            Broadcast news = heard.stream().filter(each -> each.event().equals("news"))
                    .findFirst().orElseThrow();
            assertEquals(2L, news.payload().get("a").asLong());

            endpoint.broadcast("room:b", "new_msg", Map.of("body", "x"));
            a.expect("['2',null,'room:b','new_msg',{'body':'x','transport':':websocket'}]");
        } finally {
            subscription.close();
        }
    }

    @Test
    void aChannelHearsExtraTopicsInHandleInfo() {
        try (Wire wire = joined("room:ext")) {
            wire.send("['2','3','room:ext','subscribe',{'topic':'external:topic'}]")
                    .expect("['2','3','room:ext','phx_reply',{'response':{},'status':'ok'}]");
            endpoint.broadcast("external:topic", "external_event", Map.of("one", 1));
            wire.expect("['2',null,'room:ext','external_event',{'one':1}]");
        }
    }

    @Test
    void routeAssignsAreMergedIntoTheChannelAssigns() {
        try (Wire wire = Wire.connect(endpoint, Map.of("vsn", "2.0.0", "user_id", "9"))) {
            wire.send("['1','1','assigned:x','phx_join',{}]")
                    .expect("['1','1','assigned:x','phx_reply',{'response':{},'status':'ok'}]");
            String joined = wire.next();
            assertTrue(joined.contains("\"user_id\":\"9\""), joined);
        }
    }

    @Test
    void joinCanReplyWithAPayloadOrRefuseOrCrash() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['1','1','room:reply','phx_join',{}]")
                    .expect("['1','1','room:reply','phx_reply',"
                            + "{'response':{'welcome':true},'status':'ok'}]");
            wire.send("['2','2','room:refused','phx_join',{}]")
                    .expect("['2','2','room:refused','phx_reply',"
                            + "{'response':{'reason':'unauthorized'},'status':'error'}]");
            wire.send("['3','3','room:crash','phx_join',{}]")
                    .expect("['3','3','room:crash','phx_reply',"
                            + "{'response':{'reason':'join crashed'},'status':'error'}]");
            wire.expectNothingMore();
            assertEquals(1, endpoint.channelCount());
        }
    }
}
