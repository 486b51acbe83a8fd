package dev.channels.benchmarks.load;

import java.io.IOException;

/**
 * A load tool for any server that follows the chat example's contract
 * ({@code /token}, {@code /broadcast}, {@code /stats}, {@code bench:*}, {@code room:*}), so one
 * run can target this library or another Phoenix-protocol server.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.channels.benchmarks.load.LoadTool <scenario> --url http://127.0.0.1:4000 --clients N}
 * with one of the scenarios:
 *
 * <ul>
 *   <li>{@code density [--pid P]}: open and join N sockets; server heap and RSS per
 *       socket, and the join rate.</li>
 *   <li>{@code fanout [--broadcasts K] [--rate R] [--pid P]}: N subscribers, K server
 *       broadcasts; delivery latency p50, p99, max and, with the server's pid, CPU time per
 *       delivery.</li>
 *   <li>{@code sustained [--rate R] [--factor F] [--bound MS] [--step-seconds S]}: raise
 *       the broadcast rate until p99 passes the bound; deliveries per second.</li>
 *   <li>{@code c2c [--senders S] [--messages M] [--rate R]}: {@code new_msg}
 *       client-to-client latency.</li>
 * </ul>
 *
 * <p>Common options: {@code --protocol} ({@code phoenix}, the default, or {@code stomp} for
 * the Spring STOMP peer), {@code --topic} (default {@code bench:load}), {@code --in-flight}
 * (joins under way at once, 100), {@code --threads} (client selector threads, 1),
 * {@code --user} (first user id, 1), {@code --hold S} (keep the sockets S seconds before
 * closing). One process holds at most about 19,900 sockets: {@code density}, {@code fanout}
 * and {@code sustained} spread more than {@code --per-process} (19,000) over worker processes
 * of this same class ({@code worker}, not meant to be run by hand); {@code c2c} measures with
 * one JVM's clock and stays in one process.
 */
public final class LoadTool {

    private LoadTool() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: LoadTool density|fanout|sustained|c2c"
                    + " --url http://127.0.0.1:4000 --clients N [--name value]...");
            System.exit(2);
            return;
        }
        switch (options.scenario()) {
            case "density" -> Density.run(options);
            case "fanout" -> Fanout.fanout(options);
            case "sustained" -> Fanout.sustained(options);
            case "c2c" -> ClientToClient.run(options);
            case "worker" -> WorkerSubscribers.runWorker(options);
            default -> {
                System.err.println("unknown scenario " + options.scenario()
                        + "; expected density, fanout, sustained or c2c");
                System.exit(2);
            }
        }
    }

    static LoadClient client(Options options) {
        return new LoadClient(options.string("url", "http://127.0.0.1:4000"),
                options.string("protocol", "phoenix"), options.integer("threads", 1));
    }

    static void hold(Options options) throws InterruptedException {
        int seconds = options.integer("hold", 0);
        if (seconds > 0) {
            System.out.printf("holding the sockets for %d s%n", seconds);
            Thread.sleep(seconds * 1_000L);
        }
    }
}
