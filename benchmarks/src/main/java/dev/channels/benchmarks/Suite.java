package dev.channels.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the whole benchmark suite on this machine and writes {@code benchmarks/RESULTS.md}:
 * the JMH micro-benchmarks, the library's heap per socket, and the load tool's scenarios
 * against the chat example (this library) and the Spring STOMP peer, each server started
 * fresh for each scenario with the same JVM flags, several runs, medians reported.
 *
 * <p>Run through {@code benchmarks/run}, which builds what it needs and passes:
 * {@code --chat-classpath FILE} (the chat's runtime classpath, one line),
 * {@code --peer-jar JAR}, {@code --out FILE}, and optionally {@code --runs N} (3),
 * {@code --quick} (one run, smaller N, short JMH), {@code --skip-jmh},
 * {@code --servers channels,stomp}. With {@code --server-flags} alone it only prints the
 * servers' JVM flags, for scripts that start the chat the same way.
 */
public final class Suite {

    /** The JVM flags both servers run with: the ones the example ships with. */
    static final List<String> SERVER_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx1g",
            "-XX:MaxNewSize=16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-Xss256k",
            "-XX:ReservedCodeCacheSize=64m");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern BYTES_PER_SOCKET = Pattern.compile("(-?\\d+) bytes per socket");
    private static final Pattern MB_ARROW = Pattern.compile(": ([\\d.]+) MB -> ([\\d.]+) MB");
    private static final Pattern LATENCY = Pattern.compile(
            "p50 (\\d+) \\w+, p99 (\\d+) \\w+, p99\\.9 (\\d+) \\w+, max (\\d+) \\w+");
    private static final Pattern CPU = Pattern.compile(
            "CPU per delivery.*: user ([\\d.]+) us, kernel ([\\d.]+) us");
    private static final Pattern JOINS = Pattern.compile("\\(([\\d.]+) joins/s\\)");
    private static final Pattern SUSTAINED = Pattern.compile(
            "^sustained: (\\d+) deliveries/s \\((\\d+) broadcasts/s");

    private final Map<String, String> options;
    private final Path logs;
    private final List<String> commands = new ArrayList<>();
    /** metric name to server to the values of every run. */
    private final Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();

    private Suite(Map<String, String> options) throws IOException {
        this.options = options;
        this.logs = Path.of("benchmarks", "target", "suite-logs");
        Files.createDirectories(logs);
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).equals(List.of("--server-flags"))) {
            System.out.println(String.join(" ", SERVER_FLAGS));
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        new Suite(options).run();
    }

    private boolean quick() {
        return options.containsKey("quick");
    }

    private void run() throws Exception {
        int runs = quick() ? 1 : Integer.parseInt(options.getOrDefault("runs", "3"));
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `benchmarks/run").append(quick() ? " --quick" : "")
                .append("`; every figure is the median of ").append(runs)
                .append(runs == 1 ? " run" : " runs")
                .append(" (all runs in brackets). Client and servers share this machine.\n\n");
        md.append(machine());
        if (!options.containsKey("skip-jmh")) {
            md.append(jmh());
        }
        List<String> servers = List.of(options.getOrDefault("servers", "channels,stomp")
                .split(","));
        int small = quick() ? 2_000 : 5_000;
        int large = quick() ? 5_000 : 15_000;
        int sustained = quick() ? 2_000 : 10_000;
        for (int run = 1; run <= runs; run++) {
            for (String server : servers) {
                System.out.printf("== run %d of %d, %s%n", run, runs, server);
                density(server, small);
                density(server, large);
                fanout(server, small);
                sustained(server, sustained);
                clientToClient(server);
            }
        }
        md.append(loadTables(servers, small, large, sustained));
        md.append("## Commands\n\n```sh\n");
        commands.stream().distinct().forEach(command -> md.append(command).append('\n'));
        md.append("```\n");
        Path out = Path.of(options.getOrDefault("out", "benchmarks/RESULTS.md"));
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    private String machine() throws IOException, InterruptedException {
        String cpu = "unknown";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown");
        }
        long memory = -1;
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.exists(meminfo)) {
            memory = Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                    .orElse(-1L);
        }
        String commit = options.getOrDefault("commit", "unknown");
        return "## Machine\n\n"
                + "| | |\n|---|---|\n"
                + "| date | " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                + " |\n"
                + "| commit | " + commit + " |\n"
                + "| CPU | " + cpu + ", " + Runtime.getRuntime().availableProcessors()
                + " cores |\n"
                + "| memory | " + memory + " MB |\n"
                + "| OS | " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " |\n"
                + "| JVM | " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + " |\n"
                + "| server flags | `" + String.join(" ", SERVER_FLAGS) + "` |\n"
                + "| file limit | " + output(List.of("sh", "-c", "ulimit -n")).trim() + " |\n\n";
    }

    private String jmh() throws IOException, InterruptedException {
        List<String> times = quick() ? List.of("-wi", "2", "-w", "1s", "-i", "3", "-r", "1s")
                : List.of("-wi", "3", "-w", "2s", "-i", "5", "-r", "2s");
        Path json = logs.resolve("jmh.json");
        jmhRun("jmh", json, times, List.of());
        // JMH's JVM takes the default collector (G1 here); the fastlane again on the chat's.
        Path serialJson = logs.resolve("jmh-serial.json");
        jmhRun("jmh-serial", serialJson, times,
                List.of("FastlaneBenchmark", "-jvmArgsAppend", "-XX:+UseSerialGC"));
        StringBuilder md = new StringBuilder("## Micro-benchmarks (JMH)\n\n");
        md.append("JMH's JVM runs with the default collector (G1 on this machine); the rows "
                + "marked \"serial\" ran with `-XX:+UseSerialGC`, the chat's collector. "
                + "`:deliveries` rows count every frame handed to a subscriber's "
                + "connection.\n\n");
        md.append("| benchmark | parameters | score | error | unit |\n|---|---|---:|---:|---|\n");
        jmhRows(md, json, "");
        jmhRows(md, serialJson, " (serial)");
        List<String> heap = List.of(java(), "-cp", "benchmarks/target/benchmarks.jar",
                HeapPerSocket.class.getName(), "20000");
        String printed = run("heap-per-socket", heap);
        Matcher bytes = Pattern.compile("one joined channel: (\\d+) bytes").matcher(printed);
        md.append("\nLibrary heap per socket with one joined channel (in-memory transport, "
                + "20,000 sockets): **").append(bytes.find() ? bytes.group(1) : "?")
                .append(" bytes**.\n\n");
        return md.toString();
    }

    private void jmhRun(String name, Path json, List<String> times, List<String> selection)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar",
                "benchmarks/target/benchmarks.jar"));
        command.addAll(selection);
        command.addAll(List.of("-f", "1", "-rf", "json", "-rff", json.toString()));
        command.addAll(times);
        run(name, command);
    }

    private static void jmhRows(StringBuilder md, Path json, String suffix)
            throws IOException {
        for (JsonNode result : JSON.readTree(json.toFile())) {
            String name = result.get("benchmark").asText().replace("dev.channels.benchmarks.",
                    "");
            StringBuilder params = new StringBuilder();
            result.path("params").fields().forEachRemaining(p -> params.append(p.getKey())
                    .append('=').append(p.getValue().asText()).append(' '));
            jmhRow(md, name + suffix, params.toString().trim(), result.get("primaryMetric"));
            result.path("secondaryMetrics").fields().forEachRemaining(m -> jmhRow(md,
                    name + ":" + m.getKey() + suffix, params.toString().trim(), m.getValue()));
        }
    }

    private static void jmhRow(StringBuilder md, String name, String params, JsonNode metric) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %,.1f | %,.1f | %s |%n", name, params,
                metric.get("score").asDouble(), metric.get("scoreError").asDouble(),
                metric.get("scoreUnit").asText()));
    }

    private void density(String server, int clients) throws Exception {
        try (Server running = Server.start(this, server)) {
            String printed = load(running, "density", "--clients", String.valueOf(clients),
                    "--pid", String.valueOf(running.pid()));
            for (String line : printed.split("\n")) {
                if (line.startsWith("server RSS (/proc")) {
                    record("rss per socket " + clients, server, bytesPerSocket(line));
                    Matcher mb = MB_ARROW.matcher(line);
                    if (mb.find()) {
                        record("rss total " + clients, server, Double.parseDouble(mb.group(2)));
                    }
                } else if (line.startsWith("server heap")) {
                    record("heap per socket " + clients, server, bytesPerSocket(line));
                } else if (line.startsWith("joined")) {
                    Matcher joins = JOINS.matcher(line);
                    if (joins.find()) {
                        record("joins/s " + clients, server, Double.parseDouble(joins.group(1)));
                    }
                }
            }
        }
    }

    private void fanout(String server, int clients) throws Exception {
        try (Server running = Server.start(this, server)) {
            String printed = load(running, "fanout", "--clients", String.valueOf(clients),
                    "--broadcasts", quick() ? "50" : "100", "--rate", "10", "--pid",
                    String.valueOf(running.pid()));
            latencies(printed, "fanout " + clients, server);
            for (String line : printed.split("\n")) {
                Matcher matcher = CPU.matcher(line);
                if (matcher.find()) {
                    String side = line.startsWith("server") ? "server" : "client";
                    record("fanout cpu " + side + " user", server,
                            Double.parseDouble(matcher.group(1)));
                    record("fanout cpu " + side + " kernel", server,
                            Double.parseDouble(matcher.group(2)));
                }
            }
        }
    }

    private void sustained(String server, int clients) throws Exception {
        try (Server running = Server.start(this, server)) {
            String printed = load(running, "sustained", "--clients", String.valueOf(clients),
                    "--rate", "1", "--factor", "1.5", "--bound", "500", "--step-seconds",
                    quick() ? "3" : "5");
            for (String line : printed.split("\n")) {
                Matcher matcher = SUSTAINED.matcher(line);
                if (matcher.find()) {
                    record("sustained deliveries/s " + clients, server,
                            Double.parseDouble(matcher.group(1)));
                }
            }
        }
    }

    private void clientToClient(String server) throws Exception {
        try (Server running = Server.start(this, server)) {
            String printed = load(running, "c2c", "--clients", "1000", "--senders", "5",
                    "--messages", quick() ? "20" : "50", "--rate", "2");
            latencies(printed, "c2c", server);
        }
    }

    private void latencies(String printed, String metric, String server) {
        for (String line : printed.split("\n")) {
            Matcher matcher = LATENCY.matcher(line);
            if (line.startsWith("latency:") && matcher.find()) {
                record(metric + " p50", server, Double.parseDouble(matcher.group(1)));
                record(metric + " p99", server, Double.parseDouble(matcher.group(2)));
                record(metric + " max", server, Double.parseDouble(matcher.group(4)));
            }
        }
    }

    private String load(Server server, String scenario, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx2g", "-cp",
                "benchmarks/target/benchmarks.jar", "dev.channels.benchmarks.load.LoadTool",
                scenario, "--url", "http://127.0.0.1:" + server.port(), "--protocol",
                server.protocol()));
        command.addAll(List.of(args));
        return run(server.name() + "-" + scenario, command);
    }

    private String loadTables(List<String> servers, int small, int large, int sustained) {
        StringBuilder md = new StringBuilder("## Load tool: channels beside the Spring STOMP"
                + " peer\n\n");
        md.append("`channels` is the chat example (embedded Jetty); `stomp` is the Spring Boot"
                + " WebSocket STOMP peer with its simple broker (embedded Jetty). Each scenario"
                + " starts its server afresh.\n\n");
        md.append("| figure |");
        servers.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|");
        servers.forEach(s -> md.append("---:|"));
        md.append('\n');
        Map<String, String> labels = new LinkedHashMap<>();
        for (int n : List.of(small, large)) {
            labels.put("rss per socket " + n, "RSS per idle joined socket, N=" + n
                    + " (bytes)");
            labels.put("heap per socket " + n, "live heap per socket, N=" + n + " (bytes)");
            labels.put("rss total " + n, "RSS after joining N=" + n + " and a GC (MB)");
            labels.put("joins/s " + n, "joins per second, N=" + n);
        }
        labels.put("fanout " + small + " p50", "one broadcast to " + small
                + ": delivery p50 (ms)");
        labels.put("fanout " + small + " p99", "one broadcast to " + small
                + ": delivery p99 (ms)");
        labels.put("fanout " + small + " max", "one broadcast to " + small
                + ": delivery max (ms)");
        for (String side : List.of("server", "client")) {
            for (String mode : List.of("user", "kernel")) {
                labels.put("fanout cpu " + side + " " + mode, "one broadcast to " + small
                        + ": " + side + " " + mode + " CPU per delivery (µs)");
            }
        }
        labels.put("sustained deliveries/s " + sustained, "sustained fan-out to " + sustained
                + ", p99 ≤ 500 ms (deliveries/s)");
        labels.put("c2c p50", "new_msg from 5 senders at 2/s to 1,000 sockets: p50 (µs)");
        labels.put("c2c p99", "new_msg from 5 senders at 2/s to 1,000 sockets: p99 (µs)");
        labels.forEach((metric, label) -> {
            Map<String, List<Double>> byServer = figures.getOrDefault(metric, Map.of());
            md.append("| ").append(label).append(" |");
            for (String server : servers) {
                md.append(' ').append(cell(byServer.get(server))).append(" |");
            }
            md.append('\n');
        });
        md.append('\n');
        return md.toString();
    }

    private static String cell(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return "–";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        StringBuilder cell = new StringBuilder(format(median));
        if (values.size() > 1) {
            cell.append(" (");
            for (int i = 0; i < values.size(); i++) {
                cell.append(i == 0 ? "" : ", ").append(format(values.get(i)));
            }
            cell.append(')');
        }
        return cell.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) >= 100
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }

    private void record(String metric, String server, double value) {
        figures.computeIfAbsent(metric, m -> new LinkedHashMap<>())
                .computeIfAbsent(server, s -> new ArrayList<>()).add(value);
        System.out.printf("  %s [%s]: %s%n", metric, server, format(value));
    }

    private static double bytesPerSocket(String line) {
        Matcher matcher = BYTES_PER_SOCKET.matcher(line);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    /** Runs a command to its end, logs its output, and returns its standard output. */
    String run(String name, List<String> command) throws IOException, InterruptedException {
        commands.add(display(command));
        Path log = logs.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(name + " did not finish in 30 minutes; see " + log);
        }
        String printed = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IOException(name + " failed with " + process.exitValue() + ": " + log);
        }
        return printed;
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return printed;
    }

    private static String display(List<String> command) {
        List<String> shown = new ArrayList<>();
        boolean pid = false;
        for (String word : command) {
            if (pid) {
                shown.add("<server pid>");
                pid = false;
                continue;
            }
            pid = word.equals("--pid");
            if (word.length() > 200) {
                shown.add("<classpath>");
            } else {
                shown.add(word.equals(java()) ? "java" : word);
            }
        }
        return String.join(" ", shown);
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** One server under test, started fresh and stopped at the end of a scenario. */
    private record Server(String name, Process process, int port, String protocol)
            implements AutoCloseable {

        static Server start(Suite suite, String name) throws IOException,
                InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(java());
            command.addAll(SERVER_FLAGS);
            int port;
            String protocol;
            if (name.equals("channels")) {
                port = 4000;
                protocol = "phoenix";
                String classpath = Files.readString(Path.of(suite.options.getOrDefault(
                        "chat-classpath", "benchmarks/target/chat.classpath"))).trim();
                command.addAll(List.of("-cp", classpath,
                        "dev.channels.examples.chat.ChatServer"));
            } else if (name.equals("stomp")) {
                port = 4001;
                protocol = "stomp";
                command.addAll(List.of("-jar", suite.options.getOrDefault("peer-jar",
                        "benchmarks/stomp-peer/target/stomp-peer.jar")));
            } else {
                throw new IllegalArgumentException("unknown server " + name);
            }
            suite.commands.add("PORT=" + port + " " + display(command));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            suite.logs.resolve(name + "-server.log").toFile()));
            builder.environment().put("PORT", String.valueOf(port));
            Process process = builder.start();
            Server server = new Server(name, process, port, protocol);
            server.awaitStats();
            return server;
        }

        long pid() {
            return process.pid();
        }

        private void awaitStats() throws InterruptedException, IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            HttpRequest stats = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/stats")).timeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException(name + " exited with " + process.exitValue());
                }
                try {
                    if (HTTP.send(stats, HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            close();
            throw new IOException(name + " did not answer /stats within 90 s");
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static {
        if (!Files.isDirectory(Path.of("benchmarks"))) {
            throw new UncheckedIOException(new IOException(
                    "run the suite from the repository's root, through benchmarks/run"));
        }
    }
}
