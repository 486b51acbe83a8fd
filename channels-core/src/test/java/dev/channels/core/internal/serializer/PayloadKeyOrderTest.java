package dev.channels.core.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.json.JsonPayload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PayloadKeyOrderTest {

    record Member(String zone, int age, List<String> names, Map<String, Integer> counts) {
    }

    private static String sortedObject(Map<String, Integer> values) {
        StringJoiner out = new StringJoiner(",", "{", "}");
        new TreeMap<>(values).forEach((key, value) -> out.add("\"" + key + "\":" + value));
        return out.toString();
    }

    @Test
    void aHashMapWithManyKeysEncodesSorted() {
        Map<String, Integer> values = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            values.put("key" + (i * 7919 % 1000), i);
        }

        String frame = Serializers.V2.broadcast("t", "e", EncodedPayload.of(values)).text();

        assertEquals("[null,null,\"t\",\"e\"," + sortedObject(values) + "]", frame);
    }

    @Test
    void nestedMapsEncodeSortedToo() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("zz", 1);
        inner.put("aa", 2);
        inner.put("mm", Map.of("y", 1, "b", 2));
        Map<String, Object> outer = new HashMap<>();
        outer.put("z", inner);
        outer.put("a", List.of(Map.of("q", 1, "c", 2)));

        String frame = Serializers.V1.broadcast("t", "e", EncodedPayload.of(outer)).text();

        assertEquals("{\"event\":\"e\",\"payload\":{\"a\":[{\"c\":2,\"q\":1}],"
                + "\"z\":{\"aa\":2,\"mm\":{\"b\":2,\"y\":1},\"zz\":1}},\"ref\":null,"
                + "\"topic\":\"t\"}", frame);
    }

    @Test
    void aRecordEncodesWithSortedComponents() {
        Member member = new Member("eu", 7, List.of("b", "a"), Map.of("z", 1, "a", 2));

        String frame = Serializers.V2.message("1", null, "t", "e", EncodedPayload.of(member))
                .text();

        assertEquals("[\"1\",null,\"t\",\"e\",{\"age\":7,\"counts\":{\"a\":2,\"z\":1},"
                + "\"names\":[\"b\",\"a\"],\"zone\":\"eu\"}]", frame);
    }

    @Test
    void aParsedPayloadIsReencodedSorted() {
        JsonPayload parsed = JsonPayload.parse("{\"b\":{\"y\":1,\"x\":2},\"a\":[3]}");

        String frame = Serializers.V2.reply("1", "2", "t", "ok", EncodedPayload.of(parsed))
                .text();

        assertEquals("[\"1\",\"2\",\"t\",\"phx_reply\",{\"response\":{\"a\":[3],"
                + "\"b\":{\"x\":2,\"y\":1}},\"status\":\"ok\"}]", frame);
    }
}
