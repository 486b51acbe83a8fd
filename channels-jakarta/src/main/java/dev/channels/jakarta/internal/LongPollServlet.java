package dev.channels.jakarta.internal;

import dev.channels.ConnectInfo;
import dev.channels.jakarta.ChannelsOptions;
import dev.channels.spi.transport.Handshake;
import dev.channels.spi.transport.Inbound;
import dev.channels.spi.transport.SocketAcceptor;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code {mount}/longpoll} as phoenix.js 1.8.16 speaks it (PROTOCOL.md §7). Every
 * answer is HTTP 200 with the real status in the JSON body, except 400 for a method other
 * than GET, POST and OPTIONS or an unreadable body.
 *
 * <p>Sessions live in a map by token; their state is the runtime's socket and the session's
 * buffer, never a servlet thread. One timer thread per servlet ends parked GETs after the
 * window and closes sessions that saw no GET for 1.5 windows.
 */
public final class LongPollServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LongPollServlet.class);
    private static final String TOKEN_HEADER = "x-phoenix-longpoll-token";
    private static final int MAX_LINES = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final transient SocketAcceptor acceptor;
    private final transient ChannelsOptions options;
    private final transient Map<String, LongPollSession> sessions = new ConcurrentHashMap<>();
    private final transient ScheduledExecutorService timer;
    /** The long-poll window, in milliseconds. */
    private final long windowMillis;

    /**
     * Serves one mounted socket.
     *
     * @param acceptor the socket's entry point
     * @param options the transport options
     */
    public LongPollServlet(SocketAcceptor acceptor, ChannelsOptions options) {
        this.acceptor = acceptor;
        this.options = options;
        this.windowMillis = options.longPollWindow().toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "channels-longpoll " + acceptor.path());
            thread.setDaemon(true);
            return thread;
        });
        long sweep = Math.max(1, windowMillis * 3 / 4);
        timer.scheduleWithFixedDelay(this::closeInactive, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader("access-control-allow-origin", "*");
        response.setHeader("cache-control", "no-store");
        String method = request.getMethod();
        if (!"GET".equals(method) && !"POST".equals(method) && !"OPTIONS".equals(method)) {
            response.setStatus(400);
            return;
        }
        if (!options.checkOrigin().accepts(request.getHeader("Origin"), Requests.uri(request))) {
            LOG.warn("Could not check origin for Phoenix.Socket transport. Origin of the"
                    + " request: {} ({})", request.getHeader("Origin"), options.checkOrigin());
            LongPollBody.send(response, LongPollBody.of(403));
            return;
        }
        switch (method) {
            case "OPTIONS" -> preflight(request, response);
            case "GET" -> get(request, response);
            default -> post(request, response);
        }
    }

    private static void preflight(HttpServletRequest request, HttpServletResponse response) {
        String requested = request.getHeader("access-control-request-headers");
        response.setHeader("access-control-allow-headers", requested == null ? "" : requested);
        response.setHeader("access-control-allow-methods", "get, post, options");
        response.setHeader("access-control-max-age", "3600");
        response.setStatus(200);
    }

    // ------------------------------------------------------------ GET

    private void get(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        List<Requests.Param> query = Requests.query(request.getQueryString());
        LongPollSession session = find(request, query);
        if (session == null) {
            open(request, response, query);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        session.poll(async);
    }

    private LongPollSession find(HttpServletRequest request, List<Requests.Param> query) {
        String token = sessionToken(request, query);
        LongPollSession session = token == null ? null : sessions.get(token);
        if (session != null && session.isGone()) {
            sessions.remove(token, session);
            return null;
        }
        return session;
    }

    /** The session token: the header wins; otherwise the last {@code token} of the query. */
    private static String sessionToken(HttpServletRequest request, List<Requests.Param> query) {
        String header = request.getHeader(TOKEN_HEADER);
        if (header != null && !header.isEmpty()) {
            return header;
        }
        String last = null;
        for (Requests.Param param : query) {
            if ("token".equals(param.name())) {
                last = param.value();
            }
        }
        return last;
    }

    private void open(HttpServletRequest request, HttpServletResponse response,
            List<Requests.Param> query) throws IOException {
        String authToken = options.authToken() ? request.getHeader("x-phoenix-authtoken") : null;
        ConnectInfo info = Requests.connectInfo("longpoll", request, List.of(), authToken);
        Handshake handshake = Gate.handshake(acceptor, connectParams(request, query), info);
        if (!handshake.accepted()) {
            LongPollBody.send(response, LongPollBody.of(403));
            return;
        }
        String token = newToken();
        LongPollSession session = new LongPollSession(token, windowMillis, timer);
        session.attach(handshake.open(session));
        sessions.put(token, session);
        LongPollBody.send(response, LongPollBody.of(410, token, List.of()));
    }

    /**
     * The connect params: the query, where a {@code token} given twice is the user's param
     * first and a stale session token (appended by phoenix.js) last; the user's one is kept.
     */
    private static Map<String, String> connectParams(HttpServletRequest request,
            List<Requests.Param> query) {
        List<Requests.Param> params = new ArrayList<>(query);
        boolean tokenFromQuery = request.getHeader(TOKEN_HEADER) == null;
        long tokens = params.stream().filter(p -> "token".equals(p.name())).count();
        if (tokenFromQuery && tokens >= 2) {
            for (int i = params.size() - 1; i >= 0; i--) {
                if ("token".equals(params.get(i).name())) {
                    params.remove(i);
                    break;
                }
            }
            Requests.Param first = params.stream().filter(p -> "token".equals(p.name()))
                    .findFirst().orElseThrow();
            params.removeIf(p -> "token".equals(p.name()));
            params.add(first);
        }
        return Requests.toMap(params);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ------------------------------------------------------------ POST

    private void post(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        List<Requests.Param> query = Requests.query(request.getQueryString());
        LongPollSession session = find(request, query);
        if (session == null || session.isClosed()) {
            LongPollBody.send(response, LongPollBody.of(410));
            return;
        }
        String body;
        try {
            body = readBody(request.getInputStream(), bodyLimit());
        } catch (IOException e) {
            response.setStatus(400);
            return;
        }
        boolean ndjson = "application/x-ndjson".equals(request.getContentType());
        boolean acknowledged = ndjson ? dispatchLines(session, body) : dispatch(session, body);
        LongPollBody.send(response, LongPollBody.of(acknowledged ? 200 : 408));
    }

    private long bodyLimit() {
        return (long) options.maxFrameSize() * 2 + 1024;
    }

    private static boolean dispatchLines(LongPollSession session, String body) {
        String[] lines = body.split("\r?\n", -1);
        int count = 0;
        for (String line : lines) {
            if (count == MAX_LINES) {
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            count++;
            boolean taken = line.startsWith("[") ? dispatch(session, line)
                    : dispatchBinary(session, line);
            if (!taken) {
                return false;
            }
        }
        return true;
    }

    /** Hands one text frame to the socket; false when the session ended meanwhile. */
    private static boolean dispatch(LongPollSession session, String frame) {
        if (session.isClosed()) {
            return false;
        }
        session.inbound().onText(frame);
        return true;
    }

    private static boolean dispatchBinary(LongPollSession session, String line) {
        if (session.isClosed()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(line.trim());
        } catch (IllegalArgumentException e) {
            LOG.debug("an ndjson line is neither a JSON array nor base64; ignored");
            return true;
        }
        session.inbound().onBinary(ByteBuffer.wrap(bytes));
        return true;
    }

    private static String readBody(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = in.read(chunk)) != -1) {
            if (out.size() + read > limit) {
                throw new IOException("the body is over " + limit + " bytes");
            }
            out.write(chunk, 0, read);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------ inactivity

    private void closeInactive() {
        long limit = TimeUnit.MILLISECONDS.toNanos(windowMillis * 3 / 2);
        for (LongPollSession session : sessions.values()) {
            if (!session.inactiveFor(limit)) {
                continue;
            }
            sessions.remove(session.token(), session);
            if (!session.isClosed()) {
                LOG.debug("closing {}: no poll for {} ms", session, windowMillis * 3 / 2);
                session.close(1000, "inactive");
                Inbound inbound = session.inbound();
                if (inbound != null) {
                    inbound.onClosed(1000, "inactive");
                }
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        for (LongPollSession session : sessions.values()) {
            session.close(1001, "shutdown");
            Inbound inbound = session.inbound();
            if (inbound != null) {
                inbound.onClosed(1001, "shutdown");
            }
        }
        sessions.clear();
    }
}
