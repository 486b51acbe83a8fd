package dev.channels.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.core.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the JavaScript suite in {@code src/test/js}: the official {@code phoenix@1.8.16}
 * client under Node, over {@code ws} and long-poll, against Jetty serving the test app.
 * Skipped, with the reason, when Node or the suite's {@code node_modules} are missing
 * ({@code npm ci} in {@code src/test/js} installs them; {@code .ci/run} does it when npm is
 * there).
 */
class PhoenixClientConformanceTest {

    private static final Path SUITE = Path.of("src", "test", "js");
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @Test
    void theOfficialClientCannotTellTheServerFromPhoenix() throws Exception {
        Assumptions.assumeTrue(nodeVersion() != null,
                "node is not on the PATH: the phoenix.js conformance suite is skipped");
        Assumptions.assumeTrue(Files.isDirectory(SUITE.resolve("node_modules/phoenix")),
                "src/test/js/node_modules is missing (run npm ci there): the phoenix.js"
                        + " conformance suite is skipped");

        TestSocket socket = new TestSocket();
        Endpoint endpoint = Endpoint.builder().socket("/socket", socket).build();
        socket.endpoint = endpoint;
        Endpoint lpOnly = Endpoint.builder().socket("/lponly", new TestSocket()).build();
        try (Container container = new JettyContainer()) {
            int port = container.start(context -> {
                JakartaChannels.install(context, endpoint, ChannelsOptions.defaults());
                JakartaChannels.install(context, lpOnly, ChannelsOptions.builder()
                        .webSocket(false).build());
            });
            Path log = Path.of("target", "phoenix-client.log");
            int exit = runSuite(port, log);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, exit, () -> "the phoenix.js suite failed:\n" + output);
        } finally {
            endpoint.shutdown(Duration.ofSeconds(1));
            lpOnly.shutdown(Duration.ofSeconds(1));
        }
    }

    private static int runSuite(int port, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-reporter=spec",
                "--test-concurrency=1", "--test-force-exit", "conformance.test.js")
                .directory(SUITE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHANNELS_URL", "ws://127.0.0.1:" + port + "/socket");
        builder.environment().put("CHANNELS_LP_ONLY_URL", "ws://127.0.0.1:" + port + "/lponly");
        Process node = builder.start();
        if (!node.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the phoenix.js suite did not finish within " + LIMIT + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return node.exitValue();
    }

    private static String nodeVersion() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true)
                    .start();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                return null;
            }
            String version = new String(node.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).trim();
            return node.exitValue() == 0 ? version : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
