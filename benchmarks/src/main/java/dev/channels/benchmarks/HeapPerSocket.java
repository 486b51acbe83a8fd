package dev.channels.benchmarks;

import dev.channels.core.Endpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints the library's heap per socket with one joined channel, in-memory: the heap after
 * opening N sockets and joining a channel on each, minus the heap before, divided by N.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.channels.benchmarks.HeapPerSocket 20000}
 */
public final class HeapPerSocket {

    private HeapPerSocket() {
    }

    public static void main(String[] args) {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Endpoint endpoint = Harness.endpoint();
        LongAdder written = new LongAdder();
        List<Object> keep = new ArrayList<>(sockets);
        long before = usedAfterGc();
        for (int i = 0; i < sockets; i++) {
            keep.add(Harness.open(endpoint, new Harness.CountingConnection(written)));
            ((dev.channels.spi.transport.Inbound) keep.get(i))
                    .onText("[\"1\",\"1\",\"bench:" + i + "\",\"phx_join\",{}]");
        }
        Harness.await(written, sockets);
        long after = usedAfterGc();
        System.out.printf("sockets: %d, channels: %d%n", endpoint.socketCount(),
                endpoint.channelCount());
        System.out.printf("library heap per socket with one joined channel: %d bytes%n",
                (after - before) / sockets);
        if (args.length > 1 && args[1].equals("--hold")) {
            System.out.println("holding for a heap histogram; press enter to finish");
            try {
                System.in.read();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        endpoint.shutdown(Duration.ofSeconds(10));
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
