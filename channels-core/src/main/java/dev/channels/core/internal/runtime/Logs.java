package dev.channels.core.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.channels.core.internal.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;

/** Phoenix-style log lines: durations, and parameters with secrets filtered. */
public final class Logs {

    static final String FILTERED = "[FILTERED]";

    private Logs() {
    }

    /**
     * Formats a duration the way Phoenix does: {@code 1ms} or {@code 512µs}.
     *
     * @param nanos the duration in nanoseconds
     * @return the text
     */
    public static String duration(long nanos) {
        long micros = nanos / 1_000;
        return micros >= 1_000 ? micros / 1_000 + "ms" : micros + "µs";
    }

    /**
     * Connect parameters with filtered values replaced.
     *
     * @param params the parameters
     * @param filtered the names to hide
     * @return a copy sorted by name, safe to log
     */
    public static Map<String, String> filter(Map<String, String> params, Set<String> filtered) {
        Map<String, String> copy = new TreeMap<>(params);
        copy.replaceAll((name, value) -> filtered.contains(name) ? FILTERED : value);
        return copy;
    }

    /**
     * A JSON payload as text, with filtered fields replaced at any depth.
     *
     * @param node the payload, or null for a binary one
     * @param filtered the names to hide
     * @return compact JSON, safe to log
     */
    public static String filter(JsonNode node, Set<String> filtered) {
        if (node == null) {
            return "<binary>";
        }
        return Json.encode(filterNode(node, filtered));
    }

    private static JsonNode filterNode(JsonNode node, Set<String> filtered) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), filtered.contains(field.getKey())
                        ? TextNode.valueOf(FILTERED) : filterNode(field.getValue(), filtered));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(filterNode(element, filtered)));
            return copy;
        }
        return node;
    }

    /**
     * Logs at the configured lifecycle level.
     *
     * @param log the logger
     * @param level {@code info}, {@code debug} or {@code off}
     * @param format the SLF4J format
     * @param args the arguments
     */
    public static void lifecycle(Logger log, String level, String format, Object... args) {
        if ("info".equals(level)) {
            log.info(format, args);
        } else if ("debug".equals(level)) {
            log.debug(format, args);
        }
    }

    /**
     * Whether lifecycle lines are logged at all at this level.
     *
     * @param log the logger
     * @param level {@code info}, {@code debug} or {@code off}
     * @return true when a line would be written
     */
    public static boolean enabled(Logger log, String level) {
        return "info".equals(level) ? log.isInfoEnabled()
                : "debug".equals(level) && log.isDebugEnabled();
    }
}
