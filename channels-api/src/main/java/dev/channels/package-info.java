/**
 * Phoenix Channels for Java: the contracts a host application implements and calls.
 *
 * <h2>A guide in task order</h2>
 *
 * <p><b>Sockets.</b> A {@link dev.channels.Socket} is one client connection. It is
 * authenticated once, in {@link dev.channels.Socket#connect(ConnectRequest)}, from the
 * connect parameters and the handshake ({@link dev.channels.ConnectInfo}). It declares its
 * topics in {@link dev.channels.Socket#routes(Routes)} and may name itself with
 * {@link dev.channels.Socket#id(SocketInfo)} so that the host can later disconnect every
 * socket of one user.
 *
 * <p><b>Topics and joins.</b> A client joins a topic such as {@code "room:42"}. The first
 * route whose pattern matches creates a fresh {@link dev.channels.Channel}, whose
 * {@link dev.channels.Channel#join(String, Payload, ChannelContext)} authorizes the join and
 * answers a {@link dev.channels.Join}.
 *
 * <p><b>Incoming events and replies.</b> Every client message on a joined topic reaches
 * {@link dev.channels.Channel#handleIn(String, Payload, ChannelContext)}, which answers a
 * {@link dev.channels.Reply}: a reply with a status, no reply, or a stop. A reply can also
 * be sent later from any thread through a {@link dev.channels.SocketRef}.
 *
 * <p><b>Pushes and broadcasts.</b> {@link dev.channels.ChannelContext#push(String, Object)}
 * sends to this client only; {@link dev.channels.ChannelContext#broadcast(String, Object)}
 * sends to every subscriber of the topic, on every node. A broadcast is encoded once and the
 * same bytes go to every client.
 *
 * <p><b>Intercepting.</b> Events named in {@link dev.channels.Channel#intercepts()} go through
 * {@link dev.channels.Channel#handleOut(String, Payload, ChannelContext)} for each
 * subscriber, which may change, filter or drop them.
 *
 * <p><b>Messages and timers.</b> {@link dev.channels.ChannelContext#send(Object)} and
 * {@link dev.channels.ChannelContext#sendAfter(Object, java.time.Duration)} deliver to
 * {@link dev.channels.Channel#handleInfo(Object, ChannelContext)}, after the current
 * callback; so do broadcasts on extra topics the channel subscribed to.
 *
 * <p><b>Terminate.</b> {@link dev.channels.Channel#terminate(ExitReason, ChannelContext)} runs
 * once when the channel ends, with the {@link dev.channels.ExitReason}.
 *
 * <p><b>Threading.</b> The callbacks of one channel never run at the same time, so channel
 * code needs no locks. Callbacks of different channels run in parallel.
 *
 * <p><b>Untrusted input.</b> Every {@link dev.channels.Payload} comes from a client. Typed
 * access that fails throws {@link dev.channels.PayloadException}, which the runtime turns into
 * an error reply to that client; the channel goes on.
 */
package dev.channels;
