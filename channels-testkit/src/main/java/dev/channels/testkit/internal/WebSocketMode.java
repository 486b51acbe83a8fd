package dev.channels.testkit.internal;

import dev.channels.core.Endpoint;
import dev.channels.testkit.internal.websocket.WebSocketClients;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the kit's WebSocket mode, whose dependencies are optional: checks that they are on
 * the classpath before any class that needs them is loaded, and says what to add when not.
 */
public final class WebSocketMode {

    private static final String JETTY =
            "org.eclipse.jetty.ee11.websocket:jetty-ee11-websocket-jakarta-server";
    /** A class of each optional artifact the mode needs, and the artifact's coordinates. */
    private static final String[][] NEEDED = {
        {"dev.channels.jakarta.JakartaChannels", "dev.channels:channels-jakarta"},
        {"org.eclipse.jetty.ee11.websocket.jakarta.server.JakartaWebSocketServerContainer", JETTY},
        {"org.eclipse.jetty.ee11.websocket.jakarta.client.JakartaWebSocketClientContainer", JETTY},
    };

    private WebSocketMode() {
    }

    /**
     * Test clients that reach the endpoint over a real WebSocket server.
     *
     * @param endpoint the endpoint under test
     * @return the transport
     * @throws IllegalStateException when the mode's dependencies are not on the classpath, or
     *     the server fails to start
     */
    public static ClientTransport clients(Endpoint endpoint) {
        List<String> missing = new ArrayList<>();
        for (String[] needed : NEEDED) {
            if (!present(needed[0]) && !missing.contains(needed[1])) {
                missing.add(needed[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the test kit's WebSocket mode needs " + missing
                    + " on the test classpath; add them with <scope>test</scope> (versions as"
                    + " in the channels parent POM), or run the kit in memory");
        }
        return new WebSocketClients(endpoint);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, WebSocketMode.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
