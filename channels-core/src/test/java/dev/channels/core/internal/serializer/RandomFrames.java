package dev.channels.core.internal.serializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.channels.core.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random frames for the randomized serializer tests: valid frames, garbage, and valid frames
 * broken in the ways a misbehaving peer might break them. Everything comes from one seeded
 * {@link Random}, so a failing case replays from its seed.
 */
final class RandomFrames {

    private static final String JSON_CHARS = "[]{}\",:0123456789-+.eEtrufalsn \\/u\t\n";

    private static final String[] TEXT_PIECES = {"a", "Z", "9", ":", " ", "\"", "\\", "/",
        "\n", "\u0000", "\u001f", "\u007f", "\u00e9", "\u20ac", "\uD83D\uDE00", "\u2028"};

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;

    RandomFrames(Random random) {
        this.random = random;
    }

    /** A string of valid Unicode with quotes, escapes, controls and non-BMP characters. */
    String text(int maxPieces) {
        int pieces = random.nextInt(maxPieces + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            out.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return out.toString();
    }

    /** Like {@link #text} but never empty. */
    String name() {
        String name = text(12);
        return name.isEmpty() ? "t" : name;
    }

    /** A ref: null or a short string. */
    String ref() {
        return random.nextInt(4) == 0 ? null : random.nextBoolean()
                ? Integer.toString(random.nextInt(10_000)) : text(8);
    }

    /** Any character sequence, lone surrogates included. */
    String garbage() {
        int length = random.nextInt(60);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            if (pick < 7) {
                out.append(JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length())));
            } else {
                out.append((char) random.nextInt(Character.MAX_VALUE + 1));
            }
        }
        return out.toString();
    }

    /** A random JSON tree of the kinds a client can send; numbers survive a round trip. */
    JsonNode node(int depth) {
        int pick = random.nextInt(depth <= 0 ? 7 : 9);
        switch (pick) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.booleanNode(random.nextBoolean());
            case 2:
                return NODES.numberNode(random.nextInt());
            case 3:
                return NODES.numberNode((long) Integer.MAX_VALUE + 1 + random.nextInt(1000));
            case 4:
                return NODES.numberNode((random.nextDouble() - 0.5) * 1e6);
            case 5:
            case 6:
                return NODES.textNode(text(10));
            case 7:
                return array(depth - 1);
            default:
                return object(depth - 1);
        }
    }

    /** A random JSON object. */
    ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            object.set(text(5), node(depth));
        }
        return object;
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            array.add(node(depth));
        }
        return array;
    }

    /** JSON text of any type, sometimes deeply nested or very long, for wrong-type fields. */
    String snippet() {
        int pick = random.nextInt(40);
        if (pick == 0) {
            int depth = 120 + random.nextInt(20);
            return "[".repeat(depth) + "]".repeat(depth);
        }
        if (pick == 1) {
            return quoted("x".repeat(250 + random.nextInt(1000)));
        }
        if (pick == 2) {
            return "9".repeat(random.nextBoolean() ? 1001 : 1 + random.nextInt(30));
        }
        return Json.encode(node(3));
    }

    /** A JSON string literal. */
    static String quoted(String value) {
        return Json.appendString(new StringBuilder(), value).toString();
    }

    /** A valid V2 client frame. */
    String v2Frame() {
        return "[" + quoted(ref()) + "," + quoted(ref()) + "," + quoted(name()) + ","
                + quoted(name()) + "," + Json.encode(node(3)) + "]";
    }

    /** A V2 array with elements replaced, duplicated, dropped or added. */
    String v2Structural() {
        List<String> elements = new ArrayList<>(List.of(quoted(ref()), quoted(ref()),
                quoted(name()), quoted(name()), Json.encode(node(3))));
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            changeElements(elements);
        }
        return "[" + String.join(",", elements) + "]";
    }

    private void changeElements(List<String> elements) {
        int pick = random.nextInt(4);
        int at = elements.isEmpty() ? 0 : random.nextInt(elements.size());
        if (pick == 0 && !elements.isEmpty()) {
            elements.set(at, snippet());
        } else if (pick == 1 && !elements.isEmpty()) {
            elements.add(at, elements.get(at));
        } else if (pick == 2 && !elements.isEmpty()) {
            elements.remove(at);
        } else {
            elements.add(snippet());
        }
    }

    /** A valid V1 client frame, keys in random order. */
    String v1Frame() {
        List<String> fields = new ArrayList<>(List.of(
                "\"topic\":" + quoted(name()), "\"event\":" + quoted(name()),
                "\"payload\":" + Json.encode(node(3)), "\"ref\":" + quoted(ref())));
        if (random.nextBoolean()) {
            fields.add("\"join_ref\":" + quoted(ref()));
        }
        Collections.shuffle(fields, random);
        return "{" + String.join(",", fields) + "}";
    }

    /** A V1 object with keys dropped, duplicated, added, or given values of the wrong type. */
    String v1Structural() {
        String[] keys = {"topic", "event", "payload", "ref", "join_ref", text(4)};
        List<String> fields = new ArrayList<>();
        for (String key : keys) {
            int pick = random.nextInt(10);
            String value = pick < 6 ? v1Value(key) : snippet();
            if (pick != 9) {
                fields.add(quoted(key) + ":" + value);
            }
            if (pick == 8) {
                fields.add(quoted(key) + ":" + snippet());
            }
        }
        Collections.shuffle(fields, random);
        return "{" + String.join(",", fields) + "}";
    }

    private String v1Value(String key) {
        if (key.equals("topic") || key.equals("event")) {
            return quoted(name());
        }
        return key.endsWith("ref") ? quoted(ref()) : Json.encode(node(3));
    }

    /** The text with one to three characters flipped, deleted or inserted, or cut short. */
    String mutate(String text) {
        StringBuilder out = new StringBuilder(text);
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            int pick = random.nextInt(5);
            char c = random.nextInt(4) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1)
                    : JSON_CHARS.charAt(random.nextInt(JSON_CHARS.length()));
            if (pick == 0) {
                out.setCharAt(at, c);
            } else if (pick == 1) {
                out.deleteCharAt(at);
            } else if (pick == 2) {
                out.insert(at, c);
            } else if (pick == 3) {
                out.setLength(at);
            } else {
                int end = Math.min(out.length(), at + 1 + random.nextInt(8));
                out.insert(at, out.substring(at, end));
            }
        }
        return out.toString();
    }

    /** The fields of a valid V2 binary client push. */
    record ClientPush(String joinRef, String ref, String topic, String event, byte[] payload) {

        byte[] frame() {
            byte[] jr = joinRef.getBytes(StandardCharsets.UTF_8);
            byte[] r = ref.getBytes(StandardCharsets.UTF_8);
            byte[] t = topic.getBytes(StandardCharsets.UTF_8);
            byte[] e = event.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(jr.length);
            out.write(r.length);
            out.write(t.length);
            out.write(e.length);
            out.writeBytes(jr);
            out.writeBytes(r);
            out.writeBytes(t);
            out.writeBytes(e);
            out.writeBytes(payload);
            return out.toByteArray();
        }
    }

    /** A valid binary client push; empty refs stand for absent ones. */
    ClientPush clientPush() {
        String joinRef = ref();
        String ref = ref();
        return new ClientPush(joinRef == null ? "" : joinRef, ref == null ? "" : ref, name(),
                name(), bytes(20));
    }

    /** Up to {@code max} random bytes. */
    byte[] bytes(int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The frame with bytes flipped, inserted or dropped, a length made huge, or cut short. */
    byte[] mutate(byte[] frame) {
        byte[] bytes = frame.clone();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes && bytes.length > 0; i++) {
            bytes = mutateOnce(bytes);
        }
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes) {
        int at = random.nextInt(bytes.length);
        int pick = random.nextInt(5);
        if (pick == 0) {
            bytes[at] = (byte) random.nextInt(256);
            return bytes;
        }
        if (pick == 1 && bytes.length >= 5) {
            bytes[1 + random.nextInt(4)] = (byte) (random.nextBoolean() ? 255 : 128);
            return bytes;
        }
        if (pick == 2) {
            return Arrays.copyOf(bytes, at);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        if (pick == 3) {
            out.write(random.nextInt(256));
            out.write(bytes, at, bytes.length - at);
        } else {
            out.write(bytes, at + 1, bytes.length - at - 1);
        }
        return out.toByteArray();
    }
}
