package dev.channels.redis.internal;

import dev.channels.spi.pubsub.PubSubAdapter;
import dev.channels.spi.pubsub.PubSubMessage;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what Redis delivers on the subscription connection into messages for this node's
 * inbox: decodes the envelope, drops this node's own broadcasts (Redis echoes them to every
 * subscriber, this node included) and messages addressed to another node, and hands the
 * rest over on the connection's I/O thread.
 *
 * <p>An envelope of a newer version is ignored and counted, with one warning per version; a
 * malformed one is ignored and counted, with one warning in all.
 *
 * <p>Thread-safe.
 */
public final class Receiver extends RedisPubSubAdapter<byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(Receiver.class);

    private final String node;
    private final PubSubAdapter.Inbox inbox;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unsupported = new AtomicLong();
    private final Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean malformedSeen = new AtomicBoolean();

    /**
     * Creates a receiver.
     *
     * @param node this node's name
     * @param inbox where messages from other nodes go
     */
    public Receiver(String node, PubSubAdapter.Inbox inbox) {
        this.node = node;
        this.inbox = inbox;
    }

    @Override
    public void message(byte[] channel, byte[] body) {
        accept(channel, body == null ? new byte[0] : body);
    }

    /**
     * Handles one message from a Redis channel.
     *
     * @param channel the channel it came on
     * @param body the envelope
     */
    public void accept(byte[] channel, byte[] body) {
        int version = Envelope.version(body);
        if (version > Envelope.VERSION) {
            unsupported.incrementAndGet();
            if (versionsSeen.add(version)) {
                LOG.warn("node {} ignores messages in envelope version {} (it reads version {}):"
                        + " a node of a newer release shares this Redis; they are counted, not"
                        + " delivered", node, version, Envelope.VERSION);
            }
            return;
        }
        PubSubMessage message;
        try {
            message = Envelope.decode(body);
        } catch (Envelope.MalformedEnvelopeException e) {
            malformed(channel, e);
            return;
        }
        if (node.equals(message.originNode())
                || message.targetNode() != null && !node.equals(message.targetNode())) {
            return;
        }
        received.incrementAndGet();
        try {
            inbox.deliver(message);
        } catch (RuntimeException e) {
            LOG.warn("node {} could not deliver a message from node {} on {}", node,
                    message.originNode(), message.topic(), e);
        }
    }

    private void malformed(byte[] channel, Envelope.MalformedEnvelopeException e) {
        malformed.incrementAndGet();
        String name = new String(channel, StandardCharsets.UTF_8);
        if (malformedSeen.compareAndSet(false, true)) {
            LOG.warn("node {} ignores a malformed message on Redis channel {} ({}); later ones"
                    + " are counted, not logged", node, name, e.getMessage());
        } else {
            LOG.debug("node {} ignores a malformed message on {} ({})", node, name,
                    e.getMessage());
        }
    }

    /**
     * Messages handed to the inbox.
     *
     * @return the count
     */
    public long receivedCount() {
        return received.get();
    }

    /**
     * Messages ignored because they were not envelopes.
     *
     * @return the count
     */
    public long malformedCount() {
        return malformed.get();
    }

    /**
     * Messages ignored because a newer release wrote them.
     *
     * @return the count
     */
    public long unsupportedCount() {
        return unsupported.get();
    }
}
