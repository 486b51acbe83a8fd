package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polls: wait for a condition, never for a fixed time. */
final class Polls {

    private Polls() {
    }

    static void until(BooleanSupplier condition, Supplier<String> message) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 5 s: " + message.get());
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
        }
    }
}
