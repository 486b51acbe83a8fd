/**
 * The transport SPI: how a kind of connection (a WebSocket container, long-poll servlets, an
 * in-memory pipe) plugs into the runtime.
 *
 * <ol>
 *   <li>The transport gets a {@link dev.channels.spi.transport.SocketAcceptor} for a mount
 *       path from the endpoint.</li>
 *   <li>For each connection attempt it calls
 *       {@link dev.channels.spi.transport.SocketAcceptor#handshake}, which negotiates the
 *       serializer, checks the origin and runs the socket's {@code connect}. A refusal carries
 *       the HTTP status to answer.</li>
 *   <li>Once the connection is established it calls
 *       {@link dev.channels.spi.transport.Handshake#open} with its
 *       {@link dev.channels.spi.transport.Connection} and gets the
 *       {@link dev.channels.spi.transport.Inbound} to hand frames to.</li>
 *   <li>The runtime writes through {@link dev.channels.spi.transport.Connection#write}, one
 *       batch at a time, and closes through
 *       {@link dev.channels.spi.transport.Connection#close}.</li>
 * </ol>
 */
package dev.channels.spi.transport;
