package dev.channels.jetty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.junit.jupiter.api.Test;

/**
 * Against a fake Jetty core session that records every call and lets the test decide when,
 * and how, each send completes. Reads: fragments joined into one message, UTF-8 and size
 * checked, pings answered, one frame demanded at a time. Writes: order, exactly-once
 * completion, failures.
 */
class JettyConnectionTest {

    private final FakeSession jetty = new FakeSession();
    private final List<Throwable> completions = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final JettyConnection connection = open(jetty);

    private final List<Throwable> frameFailures = new ArrayList<>();
    private int framesDone;

    @Test
    void openingOpensTheHandshakeAndDemandsTheFirstFrame() {
        assertEquals(List.of("demand"), jetty.settings);
    }

    @Test
    void aWholeTextFrameIsOneMessageAndTheNextFrameIsDemandedAfterIt() {
        receive(new Frame(OpCode.TEXT, "héllo"));

        assertEquals(List.of("text héllo"), received);
        assertEquals(1, framesDone);
        assertEquals(List.of("demand", "demand"), jetty.settings);
    }

    @Test
    void fragmentsAreJoinedIntoOneMessageEvenWhenACharacterIsSplit() {
        byte[] bytes = "ab€c".getBytes(StandardCharsets.UTF_8);
        receive(new Frame(OpCode.TEXT, false, ByteBuffer.wrap(bytes, 0, 3)));
        receive(new Frame(OpCode.CONTINUATION, false, ByteBuffer.wrap(bytes, 3, 1)));
        assertEquals(List.of(), received);
        receive(new Frame(OpCode.CONTINUATION, true, ByteBuffer.wrap(bytes, 4, 2)));

        assertEquals(List.of("text ab€c"), received);
        assertEquals(3, framesDone);
        assertEquals(List.of(), frameFailures);
    }

    @Test
    void binaryFragmentsAreOneBinaryMessage() {
        receive(new Frame(OpCode.BINARY, false, ByteBuffer.wrap(new byte[] {1, 2})));
        receive(new Frame(OpCode.CONTINUATION, true, ByteBuffer.wrap(new byte[] {3})));

        assertEquals(List.of("binary [1, 2, 3]"), received);
    }

    @Test
    void textThatIsNotUtf8FailsTheFrameWithBadPayload() {
        receive(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(new byte[] {'a', (byte) 0xC3})));

        assertEquals(List.of(), received);
        assertEquals(1, frameFailures.size());
        assertInstanceOf(BadPayloadException.class, frameFailures.get(0));
    }

    @Test
    void aMessageOverTheLimitFailsAsSoonAsItsFragmentsPassIt() {
        receive(new Frame(OpCode.TEXT, false, ByteBuffer.wrap(new byte[2000])));
        receive(new Frame(OpCode.CONTINUATION, false, ByteBuffer.wrap(new byte[49])));

        assertEquals(List.of(), received);
        assertEquals(1, frameFailures.size());
        assertInstanceOf(MessageTooLargeException.class, frameFailures.get(0));
    }

    @Test
    void aPingIsAnsweredWithItsPayloadAndTheNextFrameWaitsForThePong() {
        receive(new Frame(OpCode.PING, "are you there"));

        assertEquals(List.of("pong are you there"), jetty.sent);
        assertEquals(List.of("demand"), jetty.settings);
        assertEquals(0, framesDone);
        jetty.callbacks.get(0).succeeded();
        assertEquals(List.of("demand", "demand"), jetty.settings);
        assertEquals(1, framesDone);
    }

    @Test
    void theCloseReachesTheRuntimeOnceTheSocketIsClosed() {
        connection.onClosed(new CloseStatus(4000, "bye"), Callback.NOOP);

        assertEquals(List.of("closed 4000 bye"), received);
    }

    @Test
    void aBatchIsSentInOrderAndCompletesOnceWhenEverySendHasReported() {
        connection.write(frames("a", "b", "c"), completions::add);

        assertEquals(List.of("text a", "binary b", "text c"), jetty.sent);
        assertEquals(List.of(), completions);
        jetty.callbacks.get(2).succeeded();
        jetty.callbacks.get(0).succeeded();
        assertEquals(List.of(), completions);
        jetty.callbacks.get(1).succeeded();
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
        jetty.callbacks.get(0).failed(new IOException("closed too"));
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

    private JettyConnection open(FakeSession jetty) {
        JettyConnection connection = new JettyConnection(new OpenHandshake(received), 2048);
        connection.onOpen(jetty.proxy(), Callback.NOOP);
        return connection;
    }

    private void receive(Frame frame) {
        connection.onFrame(frame, Callback.from(() -> framesDone++, frameFailures::add));
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

        CoreSession proxy() {
            return (CoreSession) Proxy.newProxyInstance(CoreSession.class.getClassLoader(),
                    new Class<?>[] {CoreSession.class}, (self, method, args) -> {
                        switch (method.getName()) {
                            case "sendFrame" -> send((Frame) args[0], (Callback) args[1]);
                            case "close" -> closes.add(args[0] + " " + args[1]);
                            case "isOutputOpen" -> {
                                return open;
                            }
                            case "toString" -> {
                                return "FakeSession";
                            }
                            default -> settings.add(method.getName());
                        }
                        return null;
                    });
        }

        private void send(Frame frame, Callback callback) {
            String payload = StandardCharsets.UTF_8.decode(frame.getPayload()).toString();
            String kind = switch (frame.getOpCode()) {
                case OpCode.TEXT -> "text";
                case OpCode.BINARY -> "binary";
                case OpCode.PONG -> "pong";
                default -> "opcode " + frame.getOpCode();
            };
            send(kind + " " + payload, callback);
        }

        private void send(String what, Callback callback) {
            if (throwOnSend != null) {
                throw throwOnSend;
            }
            sent.add(what);
            callbacks.add(callback);
            if (sent.size() - 1 == failOnSend) {
                callback.failed(failure);
            } else if (completeInline) {
                callback.succeeded();
            }
        }
    }

    /** An accepted handshake whose socket records what it receives. */
    private record OpenHandshake(List<String> received) implements Handshake {

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
                    received.add("text " + frame);
                }

                @Override
                public void onBinary(ByteBuffer frame) {
                    byte[] bytes = new byte[frame.remaining()];
                    frame.get(bytes);
                    received.add("binary " + Arrays.toString(bytes));
                }

                @Override
                public void onClosed(int code, String reason) {
                    received.add("closed " + code + " " + reason);
                }
            };
        }

        @Override
        public void abandon() {
        }
    }
}
