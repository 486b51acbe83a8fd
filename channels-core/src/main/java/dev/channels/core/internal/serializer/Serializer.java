package dev.channels.core.internal.serializer;

import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.spi.transport.OutboundFrame;
import java.nio.ByteBuffer;

/**
 * One wire format (PROTOCOL.md §2): decodes client frames and encodes server frames byte for
 * byte as Phoenix does. Implementations are stateless and thread-safe.
 *
 * <p>Encoding methods take payloads already encoded once ({@link EncodedPayload}), so the
 * same payload is spliced into frames without re-encoding. A binary payload gives a binary
 * frame (V2 only; V1 throws {@link IllegalArgumentException}).
 */
public interface Serializer {

    /**
     * The version this serializer speaks: {@code "1.0.0"} or {@code "2.0.0"}.
     *
     * @return the version
     */
    String vsn();

    /**
     * Decodes a text frame.
     *
     * @param frame the frame
     * @return the message
     * @throws FrameException when the frame is malformed
     */
    InboundMessage decodeText(String frame) throws FrameException;

    /**
     * Decodes a binary frame.
     *
     * @param frame the frame
     * @return the message
     * @throws FrameException when binary frames are not supported or the frame is malformed
     */
    InboundMessage decodeBinary(ByteBuffer frame) throws FrameException;

    /**
     * Encodes a message: a push ({@code ref} null), or {@code phx_close} / {@code phx_error}
     * ({@code ref} equal to {@code joinRef}).
     *
     * @param joinRef the join ref, or null
     * @param ref the ref, or null
     * @param topic the topic
     * @param event the event
     * @param payload the payload
     * @return the frame
     */
    OutboundFrame message(String joinRef, String ref, String topic, String event,
            EncodedPayload payload);

    /**
     * Encodes a reply: {@code phx_reply} with {@code {"response":…,"status":…}}.
     *
     * @param joinRef the join ref, or null
     * @param ref the ref of the message answered, or null
     * @param topic the topic
     * @param status the status, such as {@code "ok"}
     * @param response the response
     * @return the frame
     */
    OutboundFrame reply(String joinRef, String ref, String topic, String status,
            EncodedPayload response);

    /**
     * Encodes a broadcast for the fastlane: no join ref, no ref.
     *
     * @param topic the topic
     * @param event the event
     * @param payload the payload
     * @return the frame
     */
    OutboundFrame broadcast(String topic, String event, EncodedPayload payload);
}
