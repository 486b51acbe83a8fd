package dev.channels.core.internal.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.channels.core.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes tracker messages as JSON, deterministically (fields and maps sorted, dots and
 * clocks in replica order) and versioned ({@code "v":1}). The shapes:
 *
 * <pre>
 * heartbeat:         {"clocks":C,"delta":D|null,"from":R,"type":"heartbeat","v":1}
 * transfer_req:      {"clocks":C,"from":R,"ref":"…","type":"transfer_req","v":1}
 * transfer_ack:      {"data":D,"from":R,"ref":"…","type":"transfer_ack","v":1}
 * graceful_permdown: {"from":R,"type":"graceful_permdown","v":1}
 * R = [name, vsn]                   C = [[name, vsn, clock], …]
 * D = {"cloud":[[name, vsn, clock], …], "context":C, "start":C, "end":C,
 *      "values":[[name, vsn, clock, topic, owner, key, meta], …]}
 * </pre>
 *
 * <p>Thread-safe and stateless.
 */
public final class TrackerCodec {

    /** The message format version this release writes and reads. */
    public static final int VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TrackerCodec() {
    }

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return UTF-8 JSON
     */
    public static byte[] encode(TrackerMessage message) {
        ObjectNode root = NODES.objectNode();
        root.put("v", VERSION);
        root.set("from", replica(message.from()));
        if (message instanceof TrackerMessage.Heartbeat heartbeat) {
            root.put("type", "heartbeat");
            root.set("clocks", clock(heartbeat.clocks()));
            root.set("delta", heartbeat.delta() == null ? NODES.nullNode()
                    : delta(heartbeat.delta()));
        } else if (message instanceof TrackerMessage.TransferReq request) {
            root.put("type", "transfer_req");
            root.put("ref", request.ref());
            root.set("clocks", clock(request.clocks()));
        } else if (message instanceof TrackerMessage.TransferAck ack) {
            root.put("type", "transfer_ack");
            root.put("ref", ack.ref());
            root.set("data", delta(ack.data()));
        } else {
            root.put("type", "graceful_permdown");
        }
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a message.
     *
     * @param bytes UTF-8 JSON
     * @return the message
     * @throws IllegalArgumentException when the bytes are not a message of this version
     */
    public static TrackerMessage decode(byte[] bytes) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("tracker message is not JSON", e);
        }
        if (root == null || root.path("v").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("tracker message version is not " + VERSION);
        }
        ReplicaId from = replica(root.path("from"));
        String type = root.path("type").asText();
        switch (type) {
            case "heartbeat":
                JsonNode delta = root.path("delta");
                return new TrackerMessage.Heartbeat(from,
                        delta.isObject() ? delta(delta) : null, clock(root.path("clocks")));
            case "transfer_req":
                return new TrackerMessage.TransferReq(root.path("ref").asText(), from,
                        clock(root.path("clocks")));
            case "transfer_ack":
                return new TrackerMessage.TransferAck(root.path("ref").asText(), from,
                        delta(root.path("data")));
            case "graceful_permdown":
                return new TrackerMessage.GracefulPermdown(from);
            default:
                throw new IllegalArgumentException("unknown tracker message type: " + type);
        }
    }

    private static ArrayNode replica(ReplicaId replica) {
        return NODES.arrayNode().add(replica.name()).add(replica.vsn());
    }

    private static ReplicaId replica(JsonNode node) {
        if (!node.isArray() || node.size() < 2) {
            throw new IllegalArgumentException("replica must be [name, vsn]");
        }
        return new ReplicaId(node.get(0).asText(), node.get(1).asLong());
    }

    private static ArrayNode dot(Dot dot) {
        return replica(dot.replica()).add(dot.clock());
    }

    private static Dot dot(JsonNode node) {
        return new Dot(replica(node), node.path(2).asLong());
    }

    private static ArrayNode clock(Map<ReplicaId, Long> clock) {
        ArrayNode out = NODES.arrayNode();
        new TreeMap<>(clock).forEach((replica, value) -> out.add(replica(replica).add(value)));
        return out;
    }

    private static TreeMap<ReplicaId, Long> clock(JsonNode node) {
        TreeMap<ReplicaId, Long> out = new TreeMap<>();
        for (JsonNode entry : node) {
            out.put(replica(entry), entry.path(2).asLong());
        }
        return out;
    }

    private static ObjectNode delta(Delta delta) {
        ObjectNode out = NODES.objectNode();
        ArrayNode values = out.putArray("values");
        for (Element element : delta.values().values()) {
            values.add(dot(element.dot()).add(element.topic()).add(element.owner())
                    .add(element.key()).add(element.meta()));
        }
        out.set("context", clock(delta.context()));
        ArrayNode cloud = out.putArray("cloud");
        delta.cloud().forEach(dot -> cloud.add(dot(dot)));
        out.set("start", clock(delta.start()));
        out.set("end", clock(delta.end()));
        return out;
    }

    private static Delta delta(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("delta must be an object");
        }
        Delta out = new Delta();
        for (JsonNode entry : node.path("values")) {
            Dot dot = dot(entry);
            JsonNode meta = entry.path(6);
            if (!meta.isObject()) {
                throw new IllegalArgumentException("meta must be an object");
            }
            out.values().put(dot, new Element(entry.path(3).asText(), entry.path(4).asText(),
                    entry.path(5).asText(), (ObjectNode) meta, dot));
        }
        out.context().putAll(clock(node.path("context")));
        for (JsonNode entry : node.path("cloud")) {
            out.cloud().add(dot(entry));
        }
        out.range(clock(node.path("start")), clock(node.path("end")));
        return out;
    }
}
