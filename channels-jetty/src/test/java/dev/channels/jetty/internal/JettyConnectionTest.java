package dev.channels.jetty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.spi.transport.Connection;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.OutboundFrame;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/**
 * The write path against a fake Jetty session that records every send and lets the test
 * decide when, and how, each one completes: order, exactly-once completion, failures.
 */
class JettyConnectionTest {

    private final FakeSession jetty = new FakeSession();
    private final List<Throwable> completions = new ArrayList<>();
    private final JettyConnection connection = open(jetty);

    @Test
    void openingSetsJettysLimitsOnTheSessionAndOpensTheHandshake() {
        assertEquals(List.of("setIdleTimeout PT0S", "setMaxTextMessageSize 2048",
                "setMaxBinaryMessageSize 2048", "setMaxOutgoingFrames -1"), jetty.settings);
    }

    @Test
    void aBatchIsSentInOrderAndCompletesOnceWhenEverySendHasReported() {
        connection.write(frames("a", "b", "c"), completions::add);

        assertEquals(List.of("text a", "binary b", "text c"), jetty.sent);
        assertEquals(List.of(), completions);
        jetty.callbacks.get(2).succeed();
        jetty.callbacks.get(0).succeed();
        assertEquals(List.of(), completions);
        jetty.callbacks.get(1).succeed();
        assertEquals(1, completions.size());
        assertNull(completions.get(0));
    }

    @Test
    void sendsThatCompleteInlineCompleteTheBatchOnlyAfterTheLastSend() {
        jetty.completeInline = true;
        List<Integer> sentAtCompletion = new ArrayList<>();

        connection.write(frames("a", "b", "c"), failure -> {
            completions.add(failure);
            sentAtCompletion.add(jetty.sent.size());
        });

        assertEquals(1, completions.size());
        assertNull(completions.get(0));
        assertEquals(List.of(3), sentAtCompletion);
    }

    @Test
    void aFailedSendStopsTheBatchAndItCompletesWithThatFailure() {
        IOException broken = new IOException("broken pipe");
        jetty.failOnSend = 1;
        jetty.failure = broken;

        connection.write(frames("a", "b", "c"), completions::add);

        assertEquals(List.of("text a", "binary b"), jetty.sent);
        assertEquals(List.of(), completions);
        jetty.callbacks.get(0).fail(new IOException("closed too"));
        assertEquals(1, completions.size());
        assertSame(broken, completions.get(0));
    }

    @Test
    void aSendThatThrowsIsAFailureOfTheBatch() {
        IllegalStateException thrown = new IllegalStateException("not open");
        jetty.throwOnSend = thrown;

        connection.write(frames("a", "b"), completions::add);

        assertEquals(List.of(thrown), completions);
    }

    @Test
    void anEmptyBatchCompletesAtOnce() {
        connection.write(List.of(), completions::add);

        assertEquals(1, completions.size());
        assertNull(completions.get(0));
    }

    @Test
    void closeCutsTheReasonTo123BytesAndIsANoOpOnceClosed() {
        connection.close(1011, "é".repeat(100));

        assertEquals(1, jetty.closes.size());
        String reason = jetty.closes.get(0);
        assertTrue(reason.startsWith("1011 "), reason);
        assertEquals(61, reason.substring(5).length());
        assertTrue(reason.substring(5).getBytes(StandardCharsets.UTF_8).length <= 123);

        jetty.open = false;
        connection.close(1001, "again");
        assertEquals(1, jetty.closes.size());
    }

    private static JettyConnection open(FakeSession jetty) {
        JettyConnection connection = new JettyConnection(new OpenHandshake(), 2048);
        connection.onWebSocketOpen(jetty.proxy());
        return connection;
    }

    /** Text for every even position, binary for every odd one. */
    private static List<OutboundFrame> frames(String... texts) {
        List<OutboundFrame> frames = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            frames.add(i % 2 == 0 ? OutboundFrame.text(texts[i])
                    : OutboundFrame.binary(texts[i].getBytes(StandardCharsets.UTF_8)));
        }
        return frames;
    }

    /** Records Jetty session calls; completes sends only when told. */
    private static final class FakeSession {

        final List<String> settings = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        final List<Callback> callbacks = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        boolean open = true;
        boolean completeInline;
        int failOnSend = -1;
        Throwable failure;
        RuntimeException throwOnSend;

        Session proxy() {
            return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                    new Class<?>[] {Session.class}, (self, method, args) -> {
                        switch (method.getName()) {
                            case "sendText" -> send("text " + args[0], (Callback) args[1]);
                            case "sendBinary" -> send("binary " + StandardCharsets.UTF_8
                                    .decode((ByteBuffer) args[0]), (Callback) args[1]);
                            case "close" -> closes.add(args[0] + " " + args[1]);
                            case "isOpen" -> {
                                return open;
                            }
                            case "toString" -> {
                                return "FakeSession";
                            }
                            default -> settings.add(method.getName() + " " + args[0]);
                        }
                        return null;
                    });
        }

        private void send(String what, Callback callback) {
            if (throwOnSend != null) {
                throw throwOnSend;
            }
            sent.add(what);
            callbacks.add(callback);
            if (sent.size() - 1 == failOnSend) {
                callback.fail(failure);
            } else if (completeInline) {
                callback.succeed();
            }
        }
    }

    /** An accepted handshake whose socket ignores what it receives. */
    private static final class OpenHandshake implements Handshake {

        @Override
        public boolean accepted() {
            return true;
        }

        @Override
        public int status() {
            return 101;
        }

        @Override
        public String reason() {
            return "";
        }

        @Override
        public String serializer() {
            return "2.0.0";
        }

        @Override
        public Inbound open(Connection opened) {
            return new Inbound() {
                @Override
                public void onText(String frame) {
                }

                @Override
                public void onBinary(ByteBuffer frame) {
                }

                @Override
                public void onClosed(int code, String reason) {
                }
            };
        }

        @Override
        public void abandon() {
        }
    }
}
