package dev.channels.core.internal.serializer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.channels.CloseCodes;
import dev.channels.core.internal.json.Json;

/**
 * Limits and errors shared by the serializers. Every reason produced here is short, ASCII in
 * practice, and cut to fit a WebSocket close frame.
 */
final class Frames {

    /** Longest topic or event accepted from a client, in characters. */
    static final int MAX_NAME_CHARS = 1024;

    /** Longest join_ref or ref accepted from a client, in characters. */
    static final int MAX_REF_CHARS = 255;

    /** Longest header field of a V2 binary frame, in bytes (one unsigned length byte). */
    static final int MAX_BINARY_FIELD = 255;

    /** Longest close reason a WebSocket close frame can carry, in UTF-8 bytes. */
    static final int MAX_REASON_BYTES = 123;

    private Frames() {
    }

    /**
     * A malformed frame: close code 1007 and {@code "invalid frame: <why>"}.
     *
     * @param why the specific reason, short
     * @return the exception to throw
     */
    static FrameException invalid(String why) {
        return new FrameException(CloseCodes.INVALID_FRAME, truncate("invalid frame: " + why));
    }

    /**
     * A frame the serializer cannot take: close code 1003.
     *
     * @param why the reason, short
     * @return the exception to throw
     */
    static FrameException unsupported(String why) {
        return new FrameException(CloseCodes.UNSUPPORTED_DATA, truncate(why));
    }

    /**
     * Turns a failure of the JSON parser into an invalid-frame error with a short reason.
     * Jackson's own messages are long and quote client input, so they are not passed on.
     *
     * @param failure what the parser threw
     * @return the exception to throw
     */
    static FrameException malformedJson(Exception failure) {
        if (failure instanceof StreamConstraintsException) {
            String message = ((StreamConstraintsException) failure).getOriginalMessage();
            if (message != null && message.contains("nesting")) {
                return invalid("JSON nested deeper than " + Json.MAX_DEPTH);
            }
            return invalid("JSON exceeds a size limit");
        }
        if (failure instanceof JsonEOFException) {
            return invalid("JSON ends early");
        }
        if (failure instanceof JsonProcessingException) {
            JsonLocation at = ((JsonProcessingException) failure).getLocation();
            if (at != null && at.getLineNr() > 0 && at.getColumnNr() > 0) {
                return invalid("malformed JSON at line " + at.getLineNr()
                        + ", column " + at.getColumnNr());
            }
        }
        return invalid("malformed JSON");
    }

    /**
     * Cuts a reason to at most {@link #MAX_REASON_BYTES} bytes of UTF-8, never inside a
     * character.
     *
     * @param reason the reason
     * @return the reason, or its longest prefix that fits
     */
    static String truncate(String reason) {
        if (reason.length() * 3 <= MAX_REASON_BYTES) {
            return reason;
        }
        int bytes = 0;
        int index = 0;
        while (index < reason.length()) {
            int codePoint = reason.codePointAt(index);
            int size = utf8Length(codePoint);
            if (bytes + size > MAX_REASON_BYTES) {
                return reason.substring(0, index);
            }
            bytes += size;
            index += Character.charCount(codePoint);
        }
        return reason;
    }

    /** A lone surrogate is written as {@code '?'}, one byte, by Java's UTF-8 encoder. */
    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return 1;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
