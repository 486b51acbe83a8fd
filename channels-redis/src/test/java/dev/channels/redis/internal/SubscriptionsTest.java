package dev.channels.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions subscriptions = new Subscriptions(2);

    @Test
    void aWantedTopicIsSubscribedOnce() {
        subscriptions.want("a");
        subscriptions.want("a");

        assertEquals(List.of(List.of("a")), subscriptions.changes().subscribe());
        subscriptions.want("a");
        assertTrue(subscriptions.changes().isEmpty());
    }

    @Test
    void wishesThatCancelOutBeforeSendingSendNothing() {
        subscriptions.want("a");
        subscriptions.drop("a");
        subscriptions.drop("b");

        assertTrue(subscriptions.changes().isEmpty());
    }

    @Test
    void onlyTheLastWishPerTopicCounts() {
        subscriptions.want("a");
        subscriptions.changes();

        subscriptions.drop("a");
        subscriptions.want("a");
        assertTrue(subscriptions.changes().isEmpty());

        subscriptions.drop("a");
        subscriptions.want("a");
        subscriptions.drop("a");
        assertEquals(List.of(List.of("a")), subscriptions.changes().unsubscribe());
    }

    @Test
    void commandsGoOutInBatches() {
        List.of("a", "b", "c", "d", "e").forEach(subscriptions::want);

        Subscriptions.Changes changes = subscriptions.changes();

        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")),
                changes.subscribe());
        List.of("a", "b", "c").forEach(subscriptions::drop);
        assertEquals(List.of(List.of("a", "b"), List.of("c")),
                subscriptions.changes().unsubscribe());
    }

    @Test
    void aNewConnectionResubscribesEveryWantedTopicInBatches() {
        Subscriptions large = new Subscriptions(500);
        IntStream.range(0, 1200).forEach(i -> large.want("t" + i));
        large.changes();
        large.drop("t0");
        large.disconnected();

        List<List<String>> batches = large.resubscribeAll();

        assertEquals(List.of(500, 500, 199), batches.stream().map(List::size)
                .collect(Collectors.toList()));
        assertEquals(1199, batches.stream().mapToLong(List::size).sum());
        assertTrue(large.changes().isEmpty());
        assertEquals(1199, large.wantedCount());
    }

    @Test
    void wishesWhileDisconnectedAreSentByTheResubscription() {
        subscriptions.want("a");
        subscriptions.changes();
        subscriptions.disconnected();
        subscriptions.drop("a");
        subscriptions.want("b");

        assertEquals(List.of(List.of("b")), subscriptions.resubscribeAll());
        subscriptions.drop("b");
        assertEquals(List.of(List.of("b")), subscriptions.changes().unsubscribe());
    }
}
