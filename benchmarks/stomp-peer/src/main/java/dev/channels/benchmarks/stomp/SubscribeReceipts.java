package dev.channels.benchmarks.stomp;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Answers a {@code receipt} header on SUBSCRIBE and UNSUBSCRIBE with a RECEIPT frame, which
 * Spring's simple broker does not do (it answers receipts on DISCONNECT only).
 *
 * <p>It runs on the client inbound channel's executor right after the simple broker handled
 * the frame, so when the client reads the RECEIPT the subscription is in the broker's registry
 * and a broadcast sent from then on reaches it. The RECEIPT goes out on the client outbound
 * channel like every other frame to that session. A SUBSCRIBE outside {@code /topic} is
 * answered as well, though the broker keeps nothing for it.
 */
final class SubscribeReceipts implements ExecutorChannelInterceptor {

    private static final byte[] EMPTY = new byte[0];

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel,
            MessageHandler handler, Exception failure) {
        if (failure != null || !(handler instanceof SimpleBrokerMessageHandler broker)) {
            return;
        }
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
        if (type != SimpMessageType.SUBSCRIBE && type != SimpMessageType.UNSUBSCRIBE) {
            return;
        }
        String receipt = receipt(message);
        if (receipt == null) {
            return;
        }
        StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
        answer.setReceiptId(receipt);
        answer.setSessionId(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()));
        broker.getClientOutboundChannel().send(
                MessageBuilder.createMessage(EMPTY, answer.getMessageHeaders()));
    }

    /** The frame's receipt header, read from the decoder's own accessor when it is there. */
    private static String receipt(Message<?> message) {
        StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message,
                StompHeaderAccessor.class);
        return (frame != null ? frame : StompHeaderAccessor.wrap(message)).getReceipt();
    }
}
