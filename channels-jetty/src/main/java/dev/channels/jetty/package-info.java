/**
 * Serves a channels {@link dev.channels.core.Endpoint} in an embedded Jetty 12.1 (ee11)
 * through Jetty's WebSocket core, with less memory per socket than Jakarta WebSocket.
 *
 * <ol>
 *   <li>Build the endpoint ({@code Endpoint.builder().socket("/socket", socket).build()}).</li>
 *   <li>Choose the options: {@link dev.channels.jakarta.ChannelsOptions}, the same as for
 *       channels-jakarta (origin check, auth token, long-poll window, frame limit).</li>
 *   <li>Call {@link dev.channels.jetty.JettyChannels#install} on the
 *       {@code ServletContextHandler} before the server starts.</li>
 * </ol>
 */
package dev.channels.jetty;
