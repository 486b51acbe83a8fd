package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat page in headless Chromium: {@code src/test/browser/chat.browser.cjs} drives two
 * users through {@code playwright-core} against the chat on embedded Jetty, and this test
 * stops and restarts the server when the script asks, so the page's reconnection shows.
 *
 * <p>The script talks over its stdout and stdin: it prints {@code READY_FOR_RESTART}, the
 * test stops the server and answers {@code STOPPED}; it prints {@code READY_FOR_START}, the
 * test starts the server again on the same port and answers {@code RESTARTED}. Every other
 * line goes to the test log. The screenshot is kept at {@code target/chat-screenshot.png}.
 *
 * <p>Skipped, with the reason, without node, the browser folder's {@code node_modules}
 * ({@code npm ci} in {@code src/test/browser}), {@code /usr/bin/chromium} (Debian's
 * {@code chromium}), or the phoenix client the build copies beside the page.
 */
class ChatBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(ChatBrowserTest.class);
    private static final Path SCRIPT_DIR = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOT = Path.of("target", "chat-screenshot.png");
    private static final Duration LIMIT = Duration.ofSeconds(240);
    private static final Map<String, String> ENV = Map.of();

    /** The running chat, or null while the script has it stopped. Test thread only. */
    private ChatServer server;

    @Test
    void twoUsersChatTypeAndSeeTheServerGoAndComeBack() throws Exception {
        assumeTheBrowserCanRun();
        server = ChatServer.start(0, ENV);
        int port = server.port();
        Files.deleteIfExists(SCREENSHOT);
        try {
            List<String> output = new CopyOnWriteArrayList<>();
            int exit = runScript(port, output);

            assertEquals(0, exit, () -> "the browser scenario failed (exit " + exit + "):\n"
                    + String.join("\n", output));
            assertTrue(Files.size(SCREENSHOT) > 0, "the screenshot is empty");
        } finally {
            stop();
        }
    }

    private int runScript(int port, List<String> output) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "chat.browser.cjs",
                "http://127.0.0.1:" + port + "/", SCREENSHOT.toAbsolutePath().toString())
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true);
        Process node = builder.start();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(() -> {
            output.add("[test] no end within " + LIMIT + ": the script is killed");
            node.destroyForcibly();
        }, LIMIT.toSeconds(), TimeUnit.SECONDS);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                node.getInputStream(), StandardCharsets.UTF_8));
                Writer answers = node.outputWriter(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                LOG.info("browser: {}", line);
                output.add(line);
                answer(line, port, answers);
            }
            if (!node.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            return node.waitFor();
        } finally {
            watchdog.shutdownNow();
            node.destroyForcibly();
        }
    }

    /** Stops or starts the server when the script asks, and tells it when it is done. */
    private void answer(String line, int port, Writer answers) throws Exception {
        switch (line) {
            case "READY_FOR_RESTART" -> {
                stop();
                LOG.info("chat stopped on port {}", port);
                tell(answers, "STOPPED");
            }
            case "READY_FOR_START" -> {
                server = ChatServer.start(port, ENV);
                LOG.info("chat started again on port {}", port);
                tell(answers, "RESTARTED");
            }
            default -> {
            }
        }
    }

    private void stop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static void tell(Writer answers, String line) throws IOException {
        answers.write(line + "\n");
        answers.flush();
    }

    private static void assumeTheBrowserCanRun() {
        Assumptions.assumeTrue(commandAnswers("node", "--version"),
                "node is not on the PATH: the chat browser test is skipped");
        Path playwright = SCRIPT_DIR.resolve("node_modules").resolve("playwright-core");
        Assumptions.assumeTrue(Files.isDirectory(playwright),
                "src/test/browser/node_modules is missing (run npm ci there): the chat browser"
                        + " test is skipped");
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "/usr/bin/chromium is missing (apt-get install chromium): the chat browser test"
                        + " is skipped");
        Assumptions.assumeTrue(ChatBrowserTest.class.getResource("/static/vendor/phoenix.mjs")
                != null, "the build did not fetch the phoenix client (npm missing?): the chat"
                        + " browser test is skipped");
    }

    private static boolean commandAnswers(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
