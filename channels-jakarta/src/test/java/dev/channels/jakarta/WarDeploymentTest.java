package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.channels.core.Endpoint;
import dev.channels.jakarta.internal.ChannelsInitializer;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

/**
 * The WAR path: the library's {@code ServletContainerInitializer} finds the application's
 * {@link EndpointProvider} through {@code ServiceLoader} (listed in this module's test
 * resources), serves its endpoint, and drains it when the application stops.
 */
class WarDeploymentTest {

    /** The test application's provider, as a WAR would list it. */
    public static final class Provider implements EndpointProvider {

        static volatile Endpoint provided;

        /** Found by ServiceLoader. */
        public Provider() {
        }

        @Override
        public Endpoint endpoint(ServletContext context) {
            provided = Endpoint.builder().socket("/socket", new TestSocket()).build();
            return provided;
        }
    }

    @Test
    void theInitializerServesTheProvidedEndpointAndDrainsItOnStop() throws Exception {
        int port;
        WsClient client;
        try (Container container = new TomcatContainer()) {
            port = container.start(context ->
                    new ChannelsInitializer().onStartup(null, context));
            assertNotNull(Provider.provided);
            client = WsClient.connect(port, "/socket/websocket?vsn=2.0.0");
            client.send("['1','1','room:war','phx_join',{}]")
                    .expect("['1','1','room:war','phx_reply',{'response':{},'status':'ok'}]");
        }
        assertEquals(1012, client.awaitClose().getCloseCode().getCode());
        assertEquals(0, Provider.provided.socketCount());
    }
}
