package dev.channels.jakarta.internal;

import dev.channels.ConnectInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the runtime needs from an HTTP request, the same way on every container: the
 * query is parsed from the raw query string (never from the body), headers by lower-case name,
 * and {@code Sec-WebSocket-Protocol} split on commas whether the container joined or split it.
 */
final class Requests {

    static final String TOKEN_PREFIX = "base64url.bearer.phx.";

    private Requests() {
    }

    /** One {@code name=value} of a query, decoded. */
    record Param(String name, String value) {
    }

    /**
     * Parses a raw query string as Plug does: {@code &}-separated, {@code +} is a space, empty
     * segments (the trailing {@code &} of phoenix.js's long-poll URL) are skipped.
     */
    static List<Param> query(String raw) {
        List<Param> params = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String segment : raw.split("&")) {
            if (segment.isEmpty()) {
                continue;
            }
            int eq = segment.indexOf('=');
            String name = eq < 0 ? segment : segment.substring(0, eq);
            String value = eq < 0 ? "" : segment.substring(eq + 1);
            try {
                params.add(new Param(decode(name), decode(value)));
            } catch (IllegalArgumentException e) {
                params.add(new Param(name, value));
            }
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The params as a map; for a name given twice, the last value wins (as in Plug). */
    static Map<String, String> toMap(List<Param> params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Param param : params) {
            map.put(param.name(), param.value());
        }
        return map;
    }

    /** The request's URI as the client addressed it: scheme, host, port, path and query. */
    static URI uri(HttpServletRequest request) {
        try {
            return new URI(request.getScheme(), null, request.getServerName(),
                    request.getServerPort(), request.getRequestURI(), null, null)
                    .resolve(rawPathAndQuery(request));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return URI.create("/");
        }
    }

    private static String rawPathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** The {@code Sec-WebSocket-Protocol} entries, split on commas and trimmed. */
    static List<String> subprotocols(HttpServletRequest request) {
        List<String> offered = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    offered.add(entry.trim());
                }
            }
        }
        return offered;
    }

    /**
     * The auth token of phoenix.js 1.8: exactly one subprotocol entry
     * {@code base64url.bearer.phx.<standard base64 without padding>}.
     *
     * @return the decoded token, or null when absent, ambiguous or undecodable
     */
    static String authToken(List<String> subprotocols) {
        String found = null;
        for (String entry : subprotocols) {
            if (entry.startsWith(TOKEN_PREFIX)) {
                if (found != null) {
                    return null;
                }
                found = entry.substring(TOKEN_PREFIX.length());
            }
        }
        if (found == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(pad(found)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String pad(String base64) {
        int missing = (4 - base64.length() % 4) % 4;
        return base64 + "=".repeat(missing == 3 ? 0 : missing);
    }

    /**
     * The connect info of a request: URI, peer, every header, offered subprotocols (without
     * the token entry) and the auth token.
     */
    static ConnectInfo connectInfo(String transport, HttpServletRequest request,
            List<String> subprotocols, String authToken) {
        ConnectInfo.Builder info = ConnectInfo.builder(transport).uri(uri(request))
                .peer(peer(request)).authToken(authToken);
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                info.header(name, value);
            }
        }
        for (String subprotocol : subprotocols) {
            if (!subprotocol.startsWith(TOKEN_PREFIX)) {
                info.subprotocol(subprotocol);
            }
        }
        return info.build();
    }

    private static InetSocketAddress peer(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null) {
            return null;
        }
        try {
            // An IP literal: no name lookup happens.
            return new InetSocketAddress(InetAddress.getByName(address), request.getRemotePort());
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved(address, request.getRemotePort());
        }
    }
}
