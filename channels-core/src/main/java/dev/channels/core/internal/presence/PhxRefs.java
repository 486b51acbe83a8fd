package dev.channels.core.internal.presence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes {@code phx_ref} values as Phoenix does: base64url, unpadded, of 12 bytes (the wall
 * time in nanoseconds as 64 bits, a 16-bit hash of the node and shard, a 16-bit counter),
 * which is always 16 characters. Clients only compare refs for equality. Thread-safe.
 */
public final class PhxRefs {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final short origin;
    private final AtomicInteger counter = new AtomicInteger();

    /**
     * Creates a generator for one shard replica.
     *
     * @param clock the wall clock
     * @param replica the shard's replica id
     * @param shard the shard's number
     */
    public PhxRefs(Clock clock, ReplicaId replica, int shard) {
        this.clock = clock;
        this.origin = hash16(replica + "/" + shard);
    }

    /**
     * A new ref.
     *
     * @return 16 characters
     */
    public String next() {
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        ByteBuffer bytes = ByteBuffer.allocate(12);
        bytes.putLong(nanos);
        bytes.putShort(origin);
        bytes.putShort((short) counter.getAndIncrement());
        return ENCODER.encodeToString(bytes.array());
    }

    private static short hash16(String text) {
        int hash = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return (short) (hash ^ (hash >>> 16));
    }
}
