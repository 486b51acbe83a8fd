package dev.channels.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client WebSocket (RFC 6455) on a non-blocking {@link SocketChannel}, run by a
 * {@link SocketLoop}. Made to hold tens of thousands of sockets in one process: a socket is a
 * channel, a key and a few fields; bytes that arrive between frames are kept only until the
 * frame is whole, and writes are queued only while the kernel's send buffer is full.
 *
 * <p>Text frames only, as Phoenix and STOMP over WebSocket need; fragmented messages are
 * reassembled; pings are answered; a close from the server is echoed and ends the socket.
 *
 * <p>Threading: reading and the listener's callbacks run on the loop's thread, one socket at a
 * time. {@link #sendText} and {@link #close} may be called from any thread; writes are ordered
 * under this object's lock.
 */
final class NioWebSocket {

    /** What the socket tells its user; every call is on the loop's thread. */
    interface Listener {

        /** The handshake succeeded; the socket can send. */
        void onOpen(NioWebSocket socket);

        /**
         * A whole text message arrived. The receive time is taken when its bytes were read,
         * in epoch milliseconds and {@link System#nanoTime()}.
         */
        void onText(NioWebSocket socket, String text, long receivedMillis, long receivedNanos);

        /** The socket ended: the server closed it, or the handshake or the connection failed. */
        void onClose(NioWebSocket socket, int code, String reason);
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int MAX_HANDSHAKE = 16 * 1024;

    private final SocketLoop loop;
    private final SocketChannel channel;
    private final Listener listener;
    private final String request;
    private final String key;

    private SelectionKey selectionKey;
    private boolean open;
    private boolean closed;
    /** Whether this side sent its close frame; guarded by {@code this}. */
    private boolean closeSent;
    /** Bytes read but not yet a whole frame (or a whole handshake response); loop thread. */
    private byte[] leftover;
    /** The pieces of a fragmented text message; loop thread. */
    private ByteArrayOutputStream fragments;
    /** Writes waiting for room in the send buffer; guarded by {@code this}. */
    private ArrayDeque<ByteBuffer> pending;

    private NioWebSocket(SocketLoop loop, SocketChannel channel, Listener listener,
            String request, String key) {
        this.loop = loop;
        this.channel = channel;
        this.listener = listener;
        this.request = request;
        this.key = key;
    }

    /**
     * Starts connecting to {@code address} and upgrading {@code pathAndQuery}; the listener
     * hears {@link Listener#onOpen} or {@link Listener#onClose}.
     */
    static NioWebSocket connect(SocketLoop loop, InetSocketAddress address, String pathAndQuery,
            Listener listener) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + address.getHostString() + ":" + address.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        NioWebSocket socket = new NioWebSocket(loop, channel, listener, request, key);
        boolean connected = channel.connect(address);
        loop.execute(() -> socket.register(connected));
        return socket;
    }

    /** Sends one text message; from any thread. Ignored once the socket is closed. */
    void sendText(String text) {
        send(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a normal close (1000); the socket ends when the server answers. From any thread. */
    void close() {
        send(OP_CLOSE, new byte[] {0x03, (byte) 0xe8});
    }

    private void register(boolean connected) {
        try {
            selectionKey = channel.register(loop.selector(), connected ? SelectionKey.OP_READ
                    : SelectionKey.OP_CONNECT, this);
            if (connected) {
                writeRaw(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            }
        } catch (IOException e) {
            fail(1006, "connect failed: " + e);
        }
    }

    /** The loop's callback: the channel is connectable, readable or writable. */
    void ready(SelectionKey key) {
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                writeRaw(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            }
            if (key.isValid() && key.isWritable()) {
                flush();
            }
            if (key.isValid() && key.isReadable()) {
                read();
            }
        } catch (IOException | CancelledKeyException e) {
            fail(1006, e.toString());
        }
    }

    private void read() throws IOException {
        ByteBuffer buffer = loop.readBuffer();
        int count = channel.read(buffer);
        if (count < 0) {
            fail(1006, "connection closed by the server");
            return;
        }
        long millis = System.currentTimeMillis();
        long nanos = System.nanoTime();
        buffer.flip();
        ByteBuffer input = buffer;
        if (leftover != null) {
            ByteBuffer joined = ByteBuffer.allocate(leftover.length + buffer.remaining());
            joined.put(leftover).put(buffer).flip();
            input = joined;
            leftover = null;
        }
        if (!open && !handshake(input)) {
            keep(input);
            return;
        }
        while (!closed && frame(input, millis, nanos)) {
            // one frame handled; try the next
        }
        if (!closed) {
            keep(input);
        }
    }

    private void keep(ByteBuffer input) {
        if (input.hasRemaining()) {
            leftover = new byte[input.remaining()];
            input.get(leftover);
        }
    }

    /** Consumes the response to the upgrade once it is whole; false while it is not. */
    private boolean handshake(ByteBuffer input) throws IOException {
        int end = indexOfBlankLine(input);
        if (end < 0) {
            if (input.remaining() > MAX_HANDSHAKE) {
                fail(1002, "handshake response too large");
            }
            return false;
        }
        byte[] head = new byte[end - input.position()];
        input.get(head);
        input.position(end + 4);
        String response = new String(head, StandardCharsets.ISO_8859_1);
        String status = response.substring(0, Math.max(0, response.indexOf("\r\n")));
        if (!status.startsWith("HTTP/1.1 101")) {
            fail(1002, "upgrade refused: " + status);
            return false;
        }
        if (!response.toLowerCase(Locale.ROOT).contains("sec-websocket-accept: "
                + accept(key).toLowerCase(Locale.ROOT))) {
            fail(1002, "wrong Sec-WebSocket-Accept");
            return false;
        }
        open = true;
        listener.onOpen(this);
        return true;
    }

    private static int indexOfBlankLine(ByteBuffer input) {
        for (int i = input.position(); i + 3 < input.limit(); i++) {
            if (input.get(i) == '\r' && input.get(i + 1) == '\n' && input.get(i + 2) == '\r'
                    && input.get(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Handles one whole frame at the buffer's position; false when the frame is not whole. */
    private boolean frame(ByteBuffer input, long millis, long nanos) {
        int start = input.position();
        int available = input.remaining();
        if (available < 2) {
            return false;
        }
        int first = input.get(start) & 0xff;
        int second = input.get(start + 1) & 0xff;
        int header = 2;
        long length = second & 0x7f;
        if (length == 126) {
            if (available < 4) {
                return false;
            }
            length = input.getShort(start + 2) & 0xffff;
            header = 4;
        } else if (length == 127) {
            if (available < 10) {
                return false;
            }
            length = input.getLong(start + 2);
            header = 10;
        }
        if ((second & 0x80) != 0) {
            fail(1002, "the server masked a frame");
            return false;
        }
        if (length > Integer.MAX_VALUE - 64) {
            fail(1009, "frame too large: " + length);
            return false;
        }
        if (available < header + length) {
            return false;
        }
        byte[] payload = new byte[(int) length];
        input.position(start + header);
        input.get(payload);
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0f;
        switch (opcode) {
            case OP_TEXT, OP_CONTINUATION -> text(payload, fin, millis, nanos);
            case OP_PING -> send(0xA, payload);
            case OP_CLOSE -> {
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
                        : 1005;
                String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2,
                        StandardCharsets.UTF_8) : "";
                send(OP_CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]}
                        : new byte[0]);
                fail(code, reason);
            }
            default -> {
                // binary and pong frames carry nothing this client needs
            }
        }
        return true;
    }

    private void text(byte[] payload, boolean fin, long millis, long nanos) {
        if (fin && fragments == null) {
            listener.onText(this, new String(payload, StandardCharsets.UTF_8), millis, nanos);
            return;
        }
        if (fragments == null) {
            fragments = new ByteArrayOutputStream();
        }
        fragments.write(payload, 0, payload.length);
        if (fin) {
            String text = fragments.toString(StandardCharsets.UTF_8);
            fragments = null;
            listener.onText(this, text, millis, nanos);
        }
    }

    /** Frames and masks {@code payload}, then writes it or queues it behind earlier writes. */
    private void send(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xffff ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xffff) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.putInt(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        frame.flip();
        try {
            writeRaw(frame);
        } catch (IOException e) {
            loop.execute(() -> fail(1006, "write failed: " + e));
        }
    }

    private synchronized void writeRaw(ByteBuffer bytes) throws IOException {
        if (closed || closeSent) {
            return;
        }
        if (bytes.get(0) == (byte) (0x80 | OP_CLOSE)) {
            closeSent = true;
        }
        if (pending == null || pending.isEmpty()) {
            channel.write(bytes);
            if (!bytes.hasRemaining()) {
                return;
            }
        }
        if (pending == null) {
            pending = new ArrayDeque<>(2);
        }
        pending.add(bytes);
        if (selectionKey != null && selectionKey.isValid()) {
            selectionKey.interestOpsOr(SelectionKey.OP_WRITE);
            loop.wakeup();
        }
    }

    private synchronized void flush() throws IOException {
        while (pending != null && !pending.isEmpty()) {
            ByteBuffer head = pending.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            pending.poll();
        }
        selectionKey.interestOpsAnd(~SelectionKey.OP_WRITE);
    }

    private void fail(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending = null;
        }
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            // closing is best effort; the socket is gone either way
        }
        listener.onClose(this, code, reason);
    }

    private static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID)
                    .getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public String toString() {
        return "NioWebSocket{open=" + open + ", closed=" + closed + "}";
    }

}
