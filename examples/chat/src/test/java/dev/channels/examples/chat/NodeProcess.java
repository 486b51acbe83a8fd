package dev.channels.examples.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chat node in a JVM of its own: {@link ChatServer#main} on the test classpath, with
 * {@code PORT=0}, its name and the shared Redis in the environment. Ready when it logs the
 * port it listens on; its output goes to {@code target/nodes/<name>.log}.
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern READY =
            Pattern.compile("chat running at http://localhost:(\\d+)");
    private static final long START_SECONDS = 60;

    final String name;
    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Launches a node; {@link #awaitReady} waits for it. Nodes launched one after another
     * start in parallel.
     */
    static NodeProcess launch(String name, Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChatServer.class.getName()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", "0");
        builder.environment().put("NODE_NAME", name);
        builder.redirectErrorStream(true);
        try {
            NodeProcess node = new NodeProcess(name, builder.start());
            Thread reader = new Thread(node::readLog, "node-" + name + "-log");
            reader.setDaemon(true);
            reader.start();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the node listens, and returns its port. */
    int awaitReady() {
        try {
            return port.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("node " + name + " did not start within "
                    + START_SECONDS + " s; see target/nodes/" + name + ".log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("node " + name + " exited before it was ready;"
                    + " see target/nodes/" + name + ".log", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port.join();
    }

    private void readLog() {
        Path file = Path.of("target", "nodes", name + ".log");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            port.completeExceptionally(e);
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(file,
                        StandardCharsets.UTF_8), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.println(line);
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    port.complete(Integer.parseInt(ready.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("node " + name + " exited"));
    }

    /** Kills the node with SIGKILL, as a crash: no goodbye to its peers, no drain. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + name + " survived SIGKILL for 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
