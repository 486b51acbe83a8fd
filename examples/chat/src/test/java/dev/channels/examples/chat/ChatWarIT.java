package dev.channels.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanFilter;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Deploys the built {@code target/chat.war} into an embedded Tomcat 11 (EE 11), under the
 * context path {@code /chat} a Tomcat gives that file, and drives it with the official
 * {@code phoenix@1.8.16} client under Node ({@code src/test/js/war-client.cjs}). Runs in
 * {@code integration-test}, after the WAR is packaged. Skipped, with the reason, when Node or
 * the script's {@code node_modules} are missing ({@code npm ci} in {@code src/test/js}
 * installs them; {@code .ci/run} does it when npm is there).
 */
class ChatWarIT {

    private static final Path WAR = Path.of("target", "chat.war");
    private static final Path SCRIPTS = Path.of("src", "test", "js");
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOfficialClientChatsThroughTheDeployedWar() throws Exception {
        Assumptions.assumeTrue(nodeVersion() != null,
                "node is not on the PATH: the WAR test with the phoenix client is skipped");
        Assumptions.assumeTrue(Files.isDirectory(SCRIPTS.resolve("node_modules/phoenix")),
                "src/test/js/node_modules is missing (run npm ci there): the WAR test with the"
                        + " phoenix client is skipped");
        assertTrue(Files.isRegularFile(WAR), WAR.toAbsolutePath() + " is missing: this test"
                + " runs in the integration-test phase, after package");

        Tomcat tomcat = deploy();
        try {
            int port = tomcat.getConnector().getLocalPort();
            JsonNode result = runClient("http://127.0.0.1:" + port + "/chat", "war-7");

            assertEquals("war-7", result.get("issued").get("user_id").asText());
            assertEquals(JSON.readTree("{\"messages\":[]}"), result.get("joined"));
            JsonNode meta = result.get("presence").get("war-7").get("metas").get(0);
            assertTrue(meta.get("online_at").asText().matches("[0-9]+"), meta::toString);
            assertEquals(JSON.createObjectNode(), result.get("reply"));
            assertEquals(JSON.readTree("{\"body\":\"hello from node\",\"user_id\":\"war-7\"}"),
                    result.get("message"));
            assertEquals(JSON.readTree("{\"reason\":\"unauthorized\"}"), result.get("secret"));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /**
     * Tomcat with the WAR as an ordinary web application, unpacked into a temporary base.
     * The test class path holds the chat's own classes and the embedded launcher's Jetty:
     * it is not scanned, and Jetty's initializers are filtered out, so the application runs
     * from its WAR. The WAR's jars are not scanned for annotations or TLDs (the chat installs
     * its endpoints in code; scanning netty and lettuce takes a minute on a small machine),
     * as an operator would list them in {@code jarsToSkip}; and without Jasper on the class
     * path, no default JSP servlet is added.
     */
    private static Tomcat deploy() throws Exception {
        Path base = Files.createTempDirectory("chat-tomcat");
        Files.createDirectories(base.resolve("webapps"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addWebapp("/chat", WAR.toAbsolutePath().toString());
        context.setContainerSciFilter("org\\.eclipse\\.jetty\\..*");
        StandardJarScanFilter skipJars = new StandardJarScanFilter();
        skipJars.setTldSkip("*");
        skipJars.setPluggabilitySkip("*");
        StandardJarScanner scanner = (StandardJarScanner) context.getJarScanner();
        scanner.setScanClassPath(false);
        scanner.setJarScanFilter(skipJars);
        tomcat.start();
        assertEquals("STARTED", context.getState().name(), "the WAR did not start");
        return tomcat;
    }

    private static JsonNode runClient(String url, String user) throws Exception {
        Path log = Path.of("target", "war-client.log");
        ProcessBuilder builder = new ProcessBuilder("node", "war-client.cjs")
                .directory(SCRIPTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CHAT_URL", url);
        builder.environment().put("CHAT_USER", user);
        builder.environment().put("CHAT_LIMIT_MS", String.valueOf(LIMIT.toMillis() - 5_000));
        Process node = builder.start();
        if (!node.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the phoenix client did not finish within " + LIMIT + ":\n" + read(log));
        }
        String output = read(log);
        assertEquals(0, node.exitValue(), () -> "the phoenix client failed:\n" + output);
        List<String> lines = output.lines().filter(line -> line.startsWith("{")).toList();
        assertTrue(!lines.isEmpty(), () -> "the phoenix client printed no result:\n" + output);
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
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
