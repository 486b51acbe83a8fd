package dev.channels.benchmarks;

import dev.channels.core.Endpoint;
import dev.channels.spi.transport.Inbound;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Round trips through one socket: a handled message with its reply; a join then a leave. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ChannelBenchmark {

    private final LongAdder written = new LongAdder();
    private Endpoint endpoint;
    private Inbound socket;
    private long expected;
    private int topic;

    @Setup
    public void setUp() {
        endpoint = Harness.endpoint();
        socket = Harness.open(endpoint, new Harness.CountingConnection(written));
        socket.onText("[\"1\",\"1\",\"bench:1\",\"phx_join\",{}]");
        expected = 1;
        Harness.await(written, expected);
    }

    @TearDown
    public void tearDown() {
        endpoint.shutdown(Duration.ofSeconds(5));
    }

    @Benchmark
    public void handleInWithReply() {
        socket.onText("[\"1\",\"2\",\"bench:1\",\"ping\",{\"n\":1}]");
        expected += 1;
        Harness.await(written, expected);
    }

    @Benchmark
    public void joinAndLeave() {
        String name = "\"bench:t" + (topic++ % 100) + "\"";
        socket.onText("[\"9\",\"9\"," + name + ",\"phx_join\",{}]");
        socket.onText("[\"9\",\"10\"," + name + ",\"phx_leave\",{}]");
        expected += 3;
        Harness.await(written, expected);
    }
}
