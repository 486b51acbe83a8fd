package dev.channels.jakarta;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which browser origins may connect: Phoenix's {@code check_origin}. The check runs only when
 * the request carries an {@code Origin} header; clients that are not browsers usually send
 * none and always pass. A refused WebSocket upgrade is answered with HTTP 403, a refused
 * long-poll request with {@code {"status":403}}.
 *
 * <p>An origin that does not parse to a host ({@code null}, {@code file://}, empty) is refused
 * by every check except {@link #none()} and {@link #matching(Predicate)}, which decides
 * itself. Immutable and thread-safe.
 */
public final class OriginCheck {

    private final String description;
    private final Rule rule;

    private OriginCheck(String description, Rule rule) {
        this.description = description;
        this.rule = rule;
    }

    /**
     * No check: every origin passes (Phoenix's {@code check_origin: false}). Only for sockets
     * that authenticate with something a foreign page cannot send (not cookies).
     *
     * @return the check
     */
    public static OriginCheck none() {
        return new OriginCheck("none", (origin, request) -> true);
    }

    /**
     * The origin's host must equal {@code host}; scheme and port are ignored (Phoenix's
     * {@code check_origin: true} with the endpoint's {@code url: [host: …]}).
     *
     * @param host the host name, such as {@code example.com}
     * @return the check
     */
    public static OriginCheck host(String host) {
        String expected = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
        return new OriginCheck("host " + expected,
                (origin, request) -> hostOf(origin).map(expected::equals).orElse(false));
    }

    /**
     * The origin must match one of the entries (Phoenix's list form). Each entry is a URI
     * such as {@code https://example.com}, {@code //another.com:888} or
     * {@code //*.other.com}: a scheme, when given, must match; a port, when given (or implied
     * by the scheme), must match; {@code *.ex.com} matches {@code ex.com} and its subdomains,
     * but not {@code prefix-ex.com}.
     *
     * @param entries the allowed origins
     * @return the check
     * @throws IllegalArgumentException when an entry has no host
     */
    public static OriginCheck allowed(List<String> entries) {
        List<Allowed> parsed = new ArrayList<>();
        for (String entry : entries) {
            parsed.add(Allowed.parse(entry));
        }
        return new OriginCheck("allowed " + entries, (origin, request) -> {
            URI uri = parse(origin);
            return uri != null && uri.getHost() != null
                    && parsed.stream().anyMatch(allowed -> allowed.matches(uri));
        });
    }

    /**
     * The origin's scheme, host and port must equal the request's own (Phoenix's
     * {@code check_origin: :conn}). This is the default: a page may connect to the server that
     * served it, and no other page may.
     *
     * @return the check
     */
    public static OriginCheck sameAsRequest() {
        return new OriginCheck("same as request", (origin, request) -> {
            URI uri = parse(origin);
            if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String requestScheme = request.getScheme().replace("ws", "http");
            return scheme.equals(requestScheme)
                    && uri.getHost().equalsIgnoreCase(request.getHost())
                    && portOf(uri) == portOf(request);
        });
    }

    /**
     * The predicate decides (Phoenix's MFA form). It receives the {@code Origin} header
     * parsed as a URI, or {@code null} when it does not parse; it must not block and must be
     * thread-safe. When it throws, the origin is refused.
     *
     * @param predicate true to accept the origin
     * @return the check
     */
    public static OriginCheck matching(Predicate<URI> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new OriginCheck("predicate", (origin, request) -> predicate.test(parse(origin)));
    }

    /**
     * Whether an origin may connect to a request.
     *
     * @param origin the {@code Origin} header, or null when absent (always accepted)
     * @param request the request's own URI, with scheme, host and port
     * @return true when the origin passes
     */
    public boolean accepts(String origin, URI request) {
        if (origin == null) {
            return true;
        }
        try {
            return rule.accepts(origin.trim(), request);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "OriginCheck[" + description + "]";
    }

    private static Optional<String> hostOf(String origin) {
        URI uri = parse(origin);
        return uri == null || uri.getHost() == null ? Optional.empty()
                : Optional.of(uri.getHost().toLowerCase(Locale.ROOT));
    }

    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int portOf(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }

    /** The test behind a check. */
    @FunctionalInterface
    private interface Rule {
        boolean accepts(String origin, URI request);
    }

    /** One entry of an allow list. */
    private record Allowed(String scheme, String host, boolean wildcard, int port) {

        static Allowed parse(String entry) {
            URI uri = OriginCheck.parse(entry.replace("//*.", "//wildcard-marker."));
            if (uri == null || uri.getHost() == null) {
                throw new IllegalArgumentException("an allowed origin needs a host, such as"
                        + " https://example.com or //*.example.com; got " + entry);
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            boolean wildcard = host.startsWith("wildcard-marker.");
            if (wildcard) {
                host = host.substring("wildcard-marker.".length());
            }
            String scheme = uri.getScheme() == null ? null
                    : uri.getScheme().toLowerCase(Locale.ROOT);
            return new Allowed(scheme, host, wildcard, portOf(uri));
        }

        boolean matches(URI origin) {
            if (scheme != null && !scheme.equalsIgnoreCase(origin.getScheme())) {
                return false;
            }
            if (port != -1 && port != portOf(origin)) {
                return false;
            }
            String candidate = origin.getHost().toLowerCase(Locale.ROOT);
            return wildcard ? candidate.equals(host) || candidate.endsWith("." + host)
                    : candidate.equals(host);
        }
    }
}
