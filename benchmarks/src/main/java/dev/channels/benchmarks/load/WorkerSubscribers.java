package dev.channels.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Subscribers spread over worker processes, each a {@code LoadTool worker} holding at most
 * {@code --per-process} sockets with its own user ids. The coordinator talks to each worker
 * over its standard streams, one line at a time: the worker prints {@code joined N} once,
 * answers each {@code sample} line with {@code sample DELIVERED BASE64-HISTOGRAM}, and exits
 * when its input closes. Worker errors go to this process's standard error.
 */
final class WorkerSubscribers implements Subscribers {

    private final List<Process> processes;
    private final List<PrintWriter> inputs;
    private final List<BufferedReader> outputs;
    private final int joined;

    private WorkerSubscribers(List<Process> processes, List<PrintWriter> inputs,
            List<BufferedReader> outputs, int joined) {
        this.processes = processes;
        this.inputs = inputs;
        this.outputs = outputs;
        this.joined = joined;
    }

    static WorkerSubscribers start(Options options, String topic, String event)
            throws IOException {
        int clients = options.integer("clients", 1_000);
        int perProcess = options.integer("per-process", 19_000);
        int firstUser = options.integer("user", 1);
        List<Process> processes = new ArrayList<>();
        List<PrintWriter> inputs = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int offset = 0; offset < clients; offset += perProcess) {
            int share = Math.min(perProcess, clients - offset);
            Process process = new ProcessBuilder(workerCommand(options, topic, event, share,
                    firstUser + offset)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            processes.add(process);
            inputs.add(new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8));
            outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)));
        }
        int joined = 0;
        for (BufferedReader output : outputs) {
            joined += Integer.parseInt(expect(output, "joined")[1]);
        }
        System.out.printf("%d worker processes joined %d sockets%n", processes.size(), joined);
        return new WorkerSubscribers(processes, inputs, outputs, joined);
    }

    /** The worker's side: join, report, and sample on request until the input closes. */
    static void runWorker(Options options) throws IOException, InterruptedException {
        String event = options.string("event", "load");
        try (Subscribers subscribers = Subscribers.local(options,
                options.string("topic", "bench:load"), event)) {
            System.out.println("joined " + subscribers.joined());
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                if (line.equals("sample")) {
                    Receiver.Sample sample = subscribers.sample();
                    System.out.println("sample " + sample.delivered() + " "
                            + encode(sample.latencies()));
                }
            }
        }
    }

    @Override
    public int joined() {
        return joined;
    }

    @Override
    public Receiver.Sample sample() throws IOException {
        inputs.forEach(input -> input.println("sample"));
        long delivered = 0;
        Histogram latencies = new Histogram(3);
        for (BufferedReader output : outputs) {
            String[] words = expect(output, "sample");
            delivered += Long.parseLong(words[1]);
            latencies.add(decode(words[2]));
        }
        return new Receiver.Sample(delivered, latencies);
    }

    @Override
    public void close() {
        inputs.forEach(PrintWriter::close);
        for (Process process : processes) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }

    private static List<String> workerCommand(Options options, String topic, String event,
            int clients, int firstUser) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"),
                LoadTool.class.getName(), "worker",
                "--url", options.string("url", "http://127.0.0.1:4000"),
                "--clients", String.valueOf(clients), "--user", String.valueOf(firstUser),
                "--topic", topic, "--event", event,
                "--in-flight", String.valueOf(options.integer("in-flight", 100)),
                "--threads", String.valueOf(options.integer("threads", 1)),
                "--protocol", options.string("protocol", "phoenix"));
    }

    private static String[] expect(BufferedReader output, String word) throws IOException {
        String line = output.readLine();
        if (line == null || !line.startsWith(word + " ")) {
            throw new IOException("a worker answered " + line + ", expected " + word);
        }
        return line.split(" ");
    }

    private static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(
                Arrays.copyOf(buffer.array(), length));
    }

    private static Histogram decode(String text) throws IOException {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
        } catch (DataFormatException e) {
            throw new IOException("a worker sent a histogram that does not decode", e);
        }
    }
}
