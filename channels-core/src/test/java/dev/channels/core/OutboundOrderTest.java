package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.channels.core.memory.InMemoryClient;
import dev.channels.core.memory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames for one socket from several threads at once: a sender that finds the socket idle
 * writes its frame itself, the others queue behind it, and a client that reads slowly makes
 * writes complete later, on its reading thread. Whatever the interleaving, nothing is lost
 * and each sender's frames arrive in the order it sent them.
 */
class OutboundOrderTest {

    private static final int SENDERS = 4;
    private static final int EACH = 2_000;

    private final Endpoint endpoint = Endpoint.builder().socket("/socket", new TestSocket())
            .build();
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);

    @AfterEach
    void shutDown() {
        senders.shutdownNow();
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void everyFrameFromConcurrentSendersArrivesInEachSendersOrder() throws Exception {
        InMemoryClient client = InMemoryTransport.of(endpoint).receiveBuffer(4)
                .connect("/socket", Map.of("vsn", "2.0.0"));
        client.sendText(Wire.frame("['1','1','room:order','phx_join',{}]"));
        Frames.until(client, Frames.event("phx_reply"), "the join reply");

        List<Future<?>> sent = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            sent.add(senders.submit(() -> {
                for (int n = 0; n < EACH; n++) {
                    endpoint.broadcast("room:order", "seq", Map.of("sender", sender, "n", n));
                }
            }));
        }

        int[] next = new int[SENDERS];
        for (int received = 0; received < SENDERS * EACH; ) {
            InMemoryClient.Frame frame = client.poll(Frames.PATIENCE);
            assertNotNull(frame, "frame " + received + " of " + SENDERS * EACH + " never came");
            JsonNode message = Frames.parse(frame.text());
            if (!message.get(3).asText().equals("seq")) {
                continue;
            }
            int sender = message.get(4).get("sender").asInt();
            assertEquals(next[sender], message.get(4).get("n").asInt(),
                    () -> "sender " + sender + "'s frames out of order or lost");
            next[sender]++;
            received++;
        }
        for (Future<?> future : sent) {
            future.get();
        }
    }
}
