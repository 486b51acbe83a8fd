package dev.channels.benchmarks.load;

import java.io.IOException;
import java.util.List;

/**
 * The N subscribers of a fan-out or density run: joined in this process, or spread over
 * worker processes when N is more than one process holds ({@code --per-process}, default
 * 19,000, under the 20,000 open-file limit).
 */
interface Subscribers extends AutoCloseable {

    /** How many sockets joined. */
    int joined();

    /** Deliveries and latencies since the previous sample, over every process. */
    Receiver.Sample sample() throws IOException;

    /** Closes every socket, and stops the workers. */
    @Override
    void close() throws IOException;

    /** Opens and joins {@code --clients} sockets to {@code topic}; blocks until done. */
    static Subscribers open(Options options, String topic, String event)
            throws IOException, InterruptedException {
        int clients = options.integer("clients", 1_000);
        if (clients > options.integer("per-process", 19_000)) {
            return WorkerSubscribers.start(options, topic, event);
        }
        return local(options, topic, event);
    }

    /** Opens the sockets in this process. */
    static Subscribers local(Options options, String topic, String event)
            throws InterruptedException {
        LoadClient client = LoadTool.client(options);
        Receiver receiver = new Receiver(event);
        List<Connection> joined = client.openAndJoin(options.integer("clients", 1_000),
                options.integer("user", 1), topic, options.integer("in-flight", 100), receiver);
        return new Subscribers() {
            @Override
            public int joined() {
                return joined.size();
            }

            @Override
            public Receiver.Sample sample() {
                return receiver.sample();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
