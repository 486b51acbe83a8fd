package dev.channels.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The density scenario: open and join N sockets, then report the server's heap and RSS per
 * socket, from {@code GET /stats?gc=1} before and after and, with {@code --pid P}, from
 * {@code /proc/P/status}. Also prints the join rate and, when every socket is in this process,
 * this client's own heap per socket.
 */
final class Density {

    private Density() {
    }

    static void run(Options options) throws IOException, InterruptedException {
        int clients = options.integer("clients", 1_000);
        String topic = options.string("topic", "bench:load");
        long pid = options.integer("pid", -1);
        try (LoadClient client = LoadTool.client(options)) {
            JsonNode before = client.stats(true);
            long rssBefore = processRss(pid);
            long clientBefore = clientHeap();

            long start = System.nanoTime();
            Subscribers joined = Subscribers.open(options, topic, "load");
            double seconds = (System.nanoTime() - start) / 1e9;

            JsonNode after = client.stats(true);
            long rssAfter = processRss(pid);
            long clientAfter = clientHeap();
            int n = Math.max(1, joined.joined());
            System.out.printf("joined %d of %d sockets on %s in %.1f s (%.0f joins/s)%n",
                    joined.joined(), clients, topic, seconds, joined.joined() / seconds);
            System.out.printf("server: sockets %d -> %d, channels %d -> %d%n",
                    before.path("sockets").asLong(), after.path("sockets").asLong(),
                    before.path("channels").asLong(), after.path("channels").asLong());
            printDelta("server heap (/stats heap_used after gc)", before.path("heap_used")
                    .asLong(), after.path("heap_used").asLong(), n);
            printDelta("server RSS (/stats rss)", before.path("rss").asLong(),
                    after.path("rss").asLong(), n);
            if (pid > 0) {
                printDelta("server RSS (/proc/" + pid + "/status VmRSS)", rssBefore, rssAfter,
                        n);
            }
            if (!(joined instanceof WorkerSubscribers)) {
                printDelta("client heap (this JVM, after gc)", clientBefore, clientAfter, n);
            }
            LoadTool.hold(options);
            joined.close();
        }
    }

    private static void printDelta(String what, long before, long after, int sockets) {
        System.out.printf("%s: %.1f MB -> %.1f MB, %d bytes per socket%n", what,
                before / 1e6, after / 1e6, (after - before) / sockets);
    }

    /** VmRSS of a local process in bytes, or -1 without a pid or on a system without /proc. */
    static long processRss(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long clientHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
