package dev.channels.redis;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what an adapter hands to its node, in order. */
final class Inbox implements PubSubAdapter.Inbox {

    private final LinkedBlockingQueue<PubSubMessage> messages = new LinkedBlockingQueue<>();

    @Override
    public void deliver(PubSubMessage message) {
        messages.add(message);
    }

    /** The next message, waiting up to five seconds. */
    PubSubMessage next() {
        try {
            PubSubMessage next = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(next, "no message arrived within 5 s");
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts that nothing more arrives for a short while. */
    void expectNothingMore() {
        try {
            PubSubMessage next = messages.poll(Duration.ofMillis(150).toMillis(),
                    TimeUnit.MILLISECONDS);
            assertNull(next, () -> "expected no more messages, got " + next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
