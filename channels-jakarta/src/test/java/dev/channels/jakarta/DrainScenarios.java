package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.channels.core.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drain at shutdown (PROTOCOL.md §4.13) over a real container: many clients each have a
 * burst of frames queued when the endpoint shuts down; every client receives all of them,
 * in order, and then the close 1012.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DrainScenarios {

    static final int CLIENTS = 20;

    final TestSocket socket = new TestSocket();
    Endpoint endpoint;
    Container container;
    int port;

    protected abstract Container container();

    @BeforeAll
    void start() throws Exception {
        endpoint = Endpoint.builder().socket("/socket", socket)
                .drain(5, Duration.ofMillis(50))
                .build();
        container = container();
        port = container.start(endpoint, ChannelsOptions.defaults());
    }

    @AfterAll
    void stop() throws Exception {
        container.close();
    }

    @Test
    void everyClientGetsItsQueuedFramesThen1012() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            WsClient client = WsClient.connect(port, "/socket/websocket?vsn=2.0.0");
            client.send("['1','1','room:drain" + i + "','phx_join',{}]").nextText();
            client.nextText();
            client.nextText();
            clients.add(client);
        }
        for (int i = 0; i < CLIENTS; i++) {
            clients.get(i).send("['1','2','room:drain" + i + "','flood',{}]");
        }
        Polls.until(() -> socket.floods.get() == CLIENTS, () -> "floods: " + socket.floods);

        endpoint.shutdown(Duration.ofSeconds(10));

        for (int i = 0; i < CLIENTS; i++) {
            WsClient client = clients.get(i);
            String topic = "room:drain" + i;
            for (int n = 1; n <= TestSocket.FLOOD; n++) {
                client.expect("['1',null,'" + topic + "','flood',{'n':" + n + "}]");
            }
            client.expect("['1','2','" + topic + "','phx_reply',{'response':{},'status':'ok'}]");
            assertEquals(1012, client.awaitClose().getCloseCode().getCode());
            client.close();
        }
        assertEquals(0, endpoint.socketCount());
    }
}
