package dev.channels.benchmarks;

import dev.channels.core.Endpoint;
import dev.channels.spi.transport.Inbound;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One broadcast to N joined sockets, each delivery counted when the socket's writer handed
 * the frame to its connection. The "deliveries" counter is deliveries per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FastlaneBenchmark {

    @Param({"10", "1000", "100000"})
    public int subscribers;

    private final LongAdder written = new LongAdder();
    private Endpoint endpoint;
    private long target;
    private final Map<String, Object> payload = Map.of("body", "hello", "user_id", "42");

    /** Delivery counter reported beside the broadcast rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Deliveries {
        /** Frames handed to connections. */
        public long deliveries;

        @Setup(Level.Iteration)
        public void reset() {
            deliveries = 0;
        }
    }

    @Setup
    public void setUp() {
        endpoint = Harness.endpoint();
        for (int i = 0; i < subscribers; i++) {
            Inbound socket = Harness.open(endpoint, new Harness.CountingConnection(written));
            socket.onText("[\"1\",\"1\",\"bench:fan\",\"phx_join\",{}]");
        }
        Harness.await(written, subscribers);
        target = written.sum();
    }

    @TearDown
    public void tearDown() {
        endpoint.shutdown(Duration.ofSeconds(5));
    }

    @Benchmark
    public void broadcast(Deliveries counters) {
        target += subscribers;
        endpoint.broadcast("bench:fan", "new_msg", payload);
        Harness.await(written, target);
        counters.deliveries += subscribers;
    }
}
