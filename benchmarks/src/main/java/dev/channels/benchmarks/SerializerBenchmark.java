package dev.channels.benchmarks;

import dev.channels.core.internal.json.EncodedPayload;
import dev.channels.core.internal.serializer.FrameException;
import dev.channels.core.internal.serializer.InboundMessage;
import dev.channels.core.internal.serializer.Serializer;
import dev.channels.core.internal.serializer.Serializers;
import dev.channels.spi.transport.OutboundFrame;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** V2 decode of a client frame, push encode (with and without the payload encode), reply. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SerializerBenchmark {

    private static final Serializer V2 = Serializers.V2;
    private static final String FRAME =
            "[\"3\",\"5\",\"room:lobby\",\"new_msg\",{\"body\":\"hello world\",\"user\":\"u1\"}]";

    private final Map<String, Object> payload = Map.of("body", "hello world", "user_id", "42");
    private final EncodedPayload encoded = EncodedPayload.of(payload);

    @Benchmark
    public InboundMessage decodeV2() throws FrameException {
        return V2.decodeText(FRAME);
    }

    @Benchmark
    public OutboundFrame encodePushIncludingPayload() {
        return V2.message("3", null, "room:lobby", "new_msg", EncodedPayload.of(payload));
    }

    @Benchmark
    public OutboundFrame encodePushPreEncoded() {
        return V2.message("3", null, "room:lobby", "new_msg", encoded);
    }

    @Benchmark
    public OutboundFrame encodeReply() {
        return V2.reply("3", "5", "room:lobby", "ok", encoded);
    }
}
