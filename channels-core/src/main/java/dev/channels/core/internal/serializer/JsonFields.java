package dev.channels.core.internal.serializer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Reads and checks the header fields of a JSON frame, token by token. */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * Reads a {@code join_ref} or {@code ref}: a string of at most 255 characters, or null.
     *
     * @param parser the parser, positioned on the value
     * @param token the value's token
     * @param field the field's wire name, for the reason
     * @return the ref, or null
     * @throws IOException when the parser fails
     * @throws FrameException when the value is not a string or null, or is too long
     */
    static String ref(JsonParser parser, JsonToken token, String field)
            throws IOException, FrameException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return string(parser, token, field, Frames.MAX_REF_CHARS, " must be a string or null");
    }

    /**
     * Reads a {@code topic} or {@code event}: a string of at most 1024 characters.
     *
     * @param parser the parser, positioned on the value
     * @param token the value's token
     * @param field the field's wire name, for the reason
     * @return the name
     * @throws IOException when the parser fails
     * @throws FrameException when the value is not a string or is too long
     */
    static String name(JsonParser parser, JsonToken token, String field)
            throws IOException, FrameException {
        return string(parser, token, field, Frames.MAX_NAME_CHARS, " must be a string");
    }

    private static String string(JsonParser parser, JsonToken token, String field, int limit,
            String expected) throws IOException, FrameException {
        if (token != JsonToken.VALUE_STRING) {
            throw Frames.invalid(field + expected + ", got " + describe(token));
        }
        if (parser.getTextLength() > limit) {
            throw Frames.invalid(field + " longer than " + limit + " characters");
        }
        return parser.getText();
    }

    /**
     * Names a token's kind for a reason, without quoting any client input.
     *
     * @param token the token, or null at the end of input
     * @return a short description such as {@code "an array"}
     */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "an unexpected token";
        }
    }
}
