package dev.channels.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.channels.core.internal.presence.Delta;
import dev.channels.core.internal.presence.ReplicaId;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The presence CRDT's merge: a replica folds in a peer's delta of N joins (a heartbeat after
 * a burst, or a transfer), as a node does for every heartbeat it hears.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PresenceMergeBenchmark {

    private static final ReplicaId A = new ReplicaId("a", 1);
    private static final ReplicaId B = new ReplicaId("b", 1);

    @Param({"1", "100", "10000"})
    public int joins;

    private Delta delta;
    private dev.channels.core.internal.presence.State receiver;

    @Setup(Level.Trial)
    public void makeDelta() {
        dev.channels.core.internal.presence.State sender =
                new dev.channels.core.internal.presence.State(A);
        for (int i = 0; i < joins; i++) {
            ObjectNode meta = JsonNodeFactory.instance.objectNode().put("online_at", "1");
            sender.join("owner-" + i, "room:big", "user-" + i, meta);
        }
        delta = sender.takeDelta();
    }

    @Setup(Level.Invocation)
    public void freshReceiver() {
        receiver = new dev.channels.core.internal.presence.State(B);
        receiver.addReplica(A);
    }

    @Benchmark
    public Object mergeDelta() {
        return receiver.merge(delta);
    }
}
