/**
 * The contracts a host application codes against: {@link dev.channels.Socket},
 * {@link dev.channels.Channel}, their results, payloads, and the SPIs that transports and
 * pub/sub engines implement. This module has no dependencies; the runtime lives in
 * {@code dev.channels.core}.
 */
module dev.channels.api {
    exports dev.channels;
    exports dev.channels.spi.transport;
    exports dev.channels.spi.pubsub;
}
