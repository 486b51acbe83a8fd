package dev.channels.testkit;

import static dev.channels.testkit.Payloads.having;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.CloseCodes;
import dev.channels.Reply;
import dev.channels.core.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scenarios of PROTOCOL.md §12.7 (Phoenix's channel_test.exs), numbered as there. */
class ChannelTestScenariosTest {

    private final FooSocket fooSocket = new FooSocket();

    @RegisterExtension
    final ChannelsTestExtension kit = ChannelsTestExtension.of(
            () -> Endpoint.builder().socket("/socket", fooSocket).build());

    @AfterEach
    void everyTerminateWasExpected() {
        assertTrue(fooSocket.noMoreTerminates(), "a channel terminated that the test ignored");
    }

    private TestChannel joined(String topic) {
        return kit.socket(fooSocket, Map.of("user_id", "123")).subscribeAndJoin(topic).channel();
    }

    private void assertTerminated(String topicAndReason) throws InterruptedException {
        assertEquals(topicAndReason, fooSocket.nextTerminate());
    }

    @Test
    void socketWithoutConnectCarriesTheGivenAssignsAndItsOwnId() {
        TestSocket socket = kit.socket(fooSocket, Map.of("user_id", "7"));

        assertEquals(Map.of("user_id", "7"), socket.assigns());
        assertEquals("user:7", socket.id().orElseThrow());
        assertFalse(kit.socket(fooSocket, null, Map.of()).id().isPresent());
    }

    @Test
    void aRefusedJoinIsAnErrorValue() {
        JoinResult joined = kit.socket(fooSocket).join("foo:error", Map.of("error", "mybad"));

        assertTrue(joined.isError());
        assertEquals(Map.of("reason", "mybad"), joined.reply().value());
        kit.assertNoMoreEvents();
    }

    @Test
    void aJoinThatThrowsIsRefusedAsCrashed() {
        JoinResult joined = kit.socket(fooSocket).join("foo:crash");

        assertTrue(joined.isError());
        assertEquals(Map.of("reason", "join crashed"), joined.reply().value());
    }

    @Test
    void aPushWithoutReplyCanPushBack() {
        TestChannel channel = joined("foo:ok");

        String ref = channel.push("noreply", Map.of("req", "foo"));

        channel.assertPush("noreply", Map.of("resp", "foo"));
        channel.refuteReply(ref);
    }

    @Test
    void aPushIsAnsweredWithAReply() {
        TestChannel channel = joined("foo:ok");

        channel.assertReply(channel.push("reply"), "ok");
        channel.refutePush("noreply");
        channel.assertReply(channel.push("reply", Map.of("req", "foo")), "ok",
                Map.of("resp", "foo"));
    }

    @Test
    void listsInPayloadsComeBackWithStringKeys() {
        TestChannel channel = joined("foo:ok");
        record Item(String bar) {
        }

        String ref = channel.push("reply", Map.of("req", List.of(new Item("baz"),
                new Item("foo"))));

        channel.assertReply(ref, "ok", Map.of("resp", List.of(Map.of("bar", "baz"),
                Map.of("bar", "foo"))));
    }

    @Test
    void aReplyCanBeSentLaterThroughTheSocketRef() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        String ref = channel.push("async");
        channel.refuteReply(ref);
        fooSocket.pendingReplies.poll(5, TimeUnit.SECONDS).reply(Reply.ok(Map.of("later", 1)));

        channel.assertReply(ref, "ok", Map.of("later", 1));
    }

    @Test
    void aCrashInHandleInTerminatesTheChannelWithPhxError() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        channel.push("crash");

        assertEquals(Map.of("reason", "channel_crash"), channel.assertCrashed().value());
        assertTerminated("foo:ok crash");
        kit.assertNoMoreEvents();
    }

    @Test
    void aStopWithoutReplyClosesTheChannel() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        String ref = channel.push("stop");

        channel.assertClosed();
        assertTerminated("foo:ok normal");
        channel.refuteReply(ref);
        channel.assertReply(channel.push("reply"), "error", Map.of("reason", "unmatched topic"));
    }

    @Test
    void aStopWithReplyRepliesThenCloses() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        String ref = channel.push("stop_and_reply");

        channel.assertReply(ref, "ok", Map.of("resp", "foo"));
        channel.assertClosed();
        assertTerminated("foo:ok shutdown");
    }

    @Test
    void aBroadcastFromTheChannelIsHeardByTheTest() {
        TestChannel channel = joined("foo:ok");
        kit.refuteBroadcast("broadcast");

        channel.push("broadcast");

        kit.assertBroadcast("broadcast", having("foo", "bar"));
        channel.refutePush("broadcast");
    }

    @Test
    void connectRunsTheSocketsConnect() {
        ConnectResult refused = kit.tryConnect(fooSocket, Map.of("reject", "true"));
        assertTrue(refused.isRefused());
        assertEquals(403, refused.status());

        TestSocket socket = kit.connect(fooSocket, Map.of());
        assertEquals("user:123", socket.id().orElseThrow());
        assertTrue(socket.subscribeAndJoin("foo:ok").isOk());
    }

    @Test
    void broadcastsArePushedByDefault() {
        TestChannel channel = joined("foo:ok");

        channel.broadcastFrom("default", Map.of("foo", "bar"));

        channel.assertPush("default", Map.of("foo", "bar"));
        kit.refuteBroadcast("default");
    }

    @Test
    void anInterceptedBroadcastGoesThroughHandleOut() {
        TestChannel channel = joined("foo:ok");

        channel.broadcastFrom("intercepted", Map.of("m", 3));

        channel.assertPush("intercepted", Map.of("m", 3, "seen_by", channel.joinRef()));
    }

    @Test
    void handleOutCanStopTheChannel() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        channel.broadcastFrom("stop", Map.of());

        channel.assertClosed();
        assertTerminated("foo:ok shutdown");
    }

    @Test
    void handleInfoCanStopTheChannel() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        channel.send("stop");

        channel.assertClosed();
        assertTerminated("foo:ok shutdown");
    }

    @Test
    void handleInfoCanPush() {
        TestChannel channel = joined("foo:ok");

        channel.send("push");

        channel.assertPush("info", Map.of("reason", "push"));
    }

    @Test
    void handleInfoCanBroadcast() {
        TestChannel channel = joined("foo:ok");

        channel.send("broadcast");

        kit.assertBroadcast("info", Map.of("reason", "broadcast"));
        channel.assertPush("info", Map.of("reason", "broadcast"));
        kit.assertNoMoreEvents();
    }

    @Test
    void leaveRepliesOkThenClosesTheChannel() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        channel.assertReply(channel.leave(), "ok");
        channel.assertClosed();
        assertTerminated("foo:ok shutdown:left");

        channel.assertReply(channel.leave(), "ok");
    }

    @Test
    void closeTerminatesTheChannelBeforeItReturns() throws InterruptedException {
        TestChannel channel = joined("foo:ok");

        channel.close();

        assertTerminated("foo:ok shutdown:closed");
        assertTrue(channel.socket().isClosed());
        channel.close();
        channel.push("reply");
        kit.assertNoMoreEvents();
    }

    @Test
    void aChannelHearsItsExternalSubscriptions() {
        TestChannel channel = joined("foo:external");

        kit.endpoint().broadcast("external:topic", "external_event", Map.of("one", 1));

        channel.assertPush("external_event", Map.of("one", 1));
    }

    @Test
    void anUnexpectedMessageIsLoggedAndTheChannelGoesOn() {
        TestChannel channel = joined("foo:ok");

        channel.send("unhandled");

        channel.assertReply(channel.push("reply"), "ok");
    }

    @Test
    void disconnectBySocketIdClosesTheSocketWith1001() throws InterruptedException {
        TestSocket socket = kit.connect(fooSocket, Map.of("user_id", "9"));
        socket.join("foo:ok").channel();

        kit.endpoint().disconnect("user:9");

        socket.assertClosed(CloseCodes.GOING_AWAY);
        assertTerminated("foo:ok shutdown:disconnected");
        kit.assertNoMoreEvents();
    }

    @Test
    void routeAssignsReachTheChannel() {
        TestChannel channel = joined("assigned:1");

        channel.assertReply(channel.push("assigns"), "ok",
                Map.of("user_id", "123", "user_socket_assigns", true));
    }

    @Test
    void joinParametersArriveAsJson() {
        record Params(String string) {
        }

        JoinResult joined = kit.socket(fooSocket).join("foo:payload", new Params(null));

        assertEquals(Map.of("has_string", true), joined.reply().value());
    }
}
