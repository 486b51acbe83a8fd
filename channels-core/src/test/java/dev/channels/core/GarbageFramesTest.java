package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.channels.core.memory.InMemoryClient;
import dev.channels.core.memory.InMemoryTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded garbage and mutated valid frames, through a real socket of each serializer: every
 * frame ends in well-formed server frames or a close with a specific code, and the endpoint
 * keeps serving everyone else.
 */
class GarbageFramesTest {

    private static final long SEED = 20261203L;
    private static final int CASES = 1500;
    private static final Set<Integer> BAD_FRAME_CODES = Set.of(1003, 1007, 1009);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> V2_SEEDS = List.of(
            "[\"1\",\"1\",\"room:1\",\"phx_join\",{\"user\":\"u\"}]",
            "[\"1\",\"2\",\"room:1\",\"ping\",{\"p\":[1,2,{\"q\":null}]}]",
            "[\"1\",\"3\",\"room:1\",\"new_msg\",{\"body\":\"hi\"}]",
            "[\"1\",\"4\",\"room:1\",\"phx_leave\",{}]",
            "[null,\"5\",\"phoenix\",\"heartbeat\",{}]",
            "[\"1\",\"6\",\"room:1\",\"typed\",{\"body\":\"x\"}]");
    private static final List<String> V1_SEEDS = List.of(
            "{\"topic\":\"room:1\",\"event\":\"phx_join\",\"payload\":{},\"ref\":\"1\"}",
            "{\"topic\":\"room:1\",\"event\":\"ping\",\"payload\":{\"a\":1},\"ref\":\"2\"}",
            "{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\"3\"}",
            "{\"topic\":\"room:1\",\"event\":\"phx_leave\",\"payload\":{},\"ref\":\"4\"}");

    private final Endpoint endpoint = Endpoint.builder().socket("/socket", new TestSocket())
            .maxFrameSize(4096).logLevel("off").build();

    @AfterEach
    void shutDown() {
        endpoint.shutdown(Duration.ofSeconds(2));
    }

    @Test
    void garbageAndMutatedV2FramesEndInRepliesOrASpecificClose() {
        run("2.0.0", V2_SEEDS, new Random(SEED));
    }

    @Test
    void garbageAndMutatedV1FramesEndInRepliesOrASpecificClose() {
        run("1.0.0", V1_SEEDS, new Random(SEED + 1));
    }

    private void run(String vsn, List<String> seeds, Random random) {
        InMemoryTransport transport = InMemoryTransport.of(endpoint);
        InMemoryClient bystander = transport.connect("/socket", Map.of("vsn", "2.0.0"));
        InMemoryClient client = transport.connect("/socket", Map.of("vsn", vsn));
        for (int i = 0; i < CASES; i++) {
            Object input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            String context = "seed " + SEED + ", case " + i + ", vsn " + vsn + ": "
                    + describe(input);
            if (input instanceof String) {
                client.sendText((String) input);
            } else {
                client.sendBinary((byte[]) input);
            }
            if (!settle(client, vsn, context)) {
                client = transport.connect("/socket", Map.of("vsn", vsn));
            }
        }
        bystander.sendText("[null,\"b\",\"phoenix\",\"heartbeat\",{}]");
        assertEquals("[null,\"b\",\"phoenix\",\"phx_reply\",{\"response\":{},\"status\":\"ok\"}]",
                bystander.nextText());
        client.close();
        bystander.close();
    }

    /** Sends a heartbeat and reads until its reply; false when the server closed instead. */
    private static boolean settle(InMemoryClient client, String vsn, String context) {
        if (client.isClosed()) {
            assertBadFrameClose(client, context);
            return false;
        }
        String ref = "hb";
        try {
            client.sendText(vsn.equals("2.0.0")
                    ? "[null,\"" + ref + "\",\"phoenix\",\"heartbeat\",{}]"
                    : "{\"topic\":\"phoenix\",\"event\":\"heartbeat\",\"payload\":{},\"ref\":\""
                            + ref + "\"}");
        } catch (IllegalStateException closedMeanwhile) {
            assertBadFrameClose(client, context);
            return false;
        }
        while (true) {
            InMemoryClient.Frame frame = client.poll(Duration.ofSeconds(5));
            if (frame == null) {
                if (client.isClosed()) {
                    assertBadFrameClose(client, context);
                    return false;
                }
                fail("no heartbeat reply and no close; " + context);
            }
            if (frame.isBinary()) {
                continue;
            }
            JsonNode node = parse(frame.text(), context);
            if (vsn.equals("2.0.0")) {
                assertTrue(node.isArray() && node.size() == 5 && node.get(3).isTextual(), context);
                if (node.get(1).asText().equals(ref) && node.get(2).asText().equals("phoenix")) {
                    return true;
                }
            } else {
                assertTrue(node.isObject() && node.get("event").isTextual(), context);
                if (ref.equals(node.get("ref").asText()) && "phoenix".equals(
                        node.get("topic").asText())) {
                    return true;
                }
            }
        }
    }

    private static void assertBadFrameClose(InMemoryClient client, String context) {
        InMemoryClient.CloseStatus status = client.awaitClose(Duration.ofSeconds(5));
        assertTrue(status != null && BAD_FRAME_CODES.contains(status.code())
                && !status.reason().isEmpty(), "unexpected close " + status + "; " + context);
    }

    private static JsonNode parse(String text, String context) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("server wrote invalid JSON " + text + "; " + context, e);
        }
    }

    private static Object mutate(String seed, Random random) {
        byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(8)) {
            case 0:
                return seed;
            case 1:
                return randomText(random);
            case 2:
                byte[] garbage = new byte[random.nextInt(40)];
                random.nextBytes(garbage);
                return garbage;
            case 3:
                return new String(bytes, 0, random.nextInt(bytes.length + 1),
                        StandardCharsets.UTF_8);
            case 4:
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(128);
                return new String(bytes, StandardCharsets.UTF_8);
            case 5:
                int at = random.nextInt(seed.length());
                return seed.substring(0, at) + randomText(random) + seed.substring(at);
            case 6:
                return seed.replace("\"room:1\"", random.nextBoolean() ? "1" : "null")
                        .replace("\"1\"", random.nextBoolean() ? "[]" : "7");
            default:
                byte[] binary = new byte[5 + random.nextInt(30)];
                random.nextBytes(binary);
                binary[0] = (byte) random.nextInt(3);
                return binary;
        }
    }

    private static String randomText(Random random) {
        String alphabet = "[]{}\",:0123456789abcdefnulltrue\\ \u00e9\u2603";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String describe(Object input) {
        return input instanceof String ? (String) input
                : "binary " + java.util.Arrays.toString((byte[]) input);
    }
}
