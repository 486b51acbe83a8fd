package dev.channels;

import java.util.Map;
import java.util.Objects;

/**
 * A connection attempt, as {@link Socket#connect(ConnectRequest)} sees it: the connect
 * parameters and the {@link ConnectInfo}.
 *
 * <p>The parameters are the query string of the connect URL (phoenix.js's {@code params}
 * option), including {@code vsn}. They are untrusted client input.
 */
public final class ConnectRequest {

    private final Map<String, String> params;
    private final ConnectInfo info;

    /**
     * Creates a request.
     *
     * @param params the connect parameters; copied (no null names or values)
     * @param info what the transport knew about the connection
     */
    public ConnectRequest(Map<String, String> params, ConnectInfo info) {
        this.params = Map.copyOf(params);
        this.info = Objects.requireNonNull(info, "info");
    }

    /**
     * Every connect parameter.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> params() {
        return params;
    }

    /**
     * One connect parameter.
     *
     * @param name the parameter name
     * @return its value, or null when absent
     */
    public String param(String name) {
        return params.get(name);
    }

    /**
     * What the transport knew about the connection.
     *
     * @return the connect info
     */
    public ConnectInfo info() {
        return info;
    }

    @Override
    public String toString() {
        return "ConnectRequest[" + info.transport() + " " + params.keySet() + "]";
    }
}
