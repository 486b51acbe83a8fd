package dev.channels.benchmarks.stomp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * The room's client event: a SEND to {@code /app/T/new_msg} with {@code {"body":...}} is
 * broadcast to every subscriber of {@code /topic/T} as
 * {@code {"event":"new_msg","body":...,"user_id":...}}, the sender included, like the chat
 * example's {@code new_msg}. {@code T} is a Phoenix topic name such as {@code room:lobby}:
 * the path variable matches any characters but {@code /}.
 */
@Controller
class RoomController {

    /** Runs on the client inbound channel's executor; the result goes to the broker. */
    @MessageMapping("/{topic}/new_msg")
    @SendTo("/topic/{topic}")
    public Map<String, Object> newMessage(@Payload Map<String, Object> payload,
            SimpMessageHeaderAccessor headers) {
        Map<String, Object> attributes = headers.getSessionAttributes();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", "new_msg");
        message.put("body", payload.get("body"));
        message.put("user_id", attributes == null ? null : attributes.get(TokenHandshake.USER_ID));
        return message;
    }
}
