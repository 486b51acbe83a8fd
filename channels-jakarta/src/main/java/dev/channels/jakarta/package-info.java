/**
 * Serves a channels {@link dev.channels.core.Endpoint} in any Jakarta EE 11 servlet container
 * (Tomcat, Jetty, Undertow, GlassFish, Open Liberty): WebSocket at {@code {mount}/websocket}
 * and long-poll at {@code {mount}/longpoll}, as Phoenix serves them.
 *
 * <ol>
 *   <li>Build the endpoint ({@code Endpoint.builder().socket("/socket", socket).build()}).</li>
 *   <li>Choose the options: {@link dev.channels.jakarta.ChannelsOptions} (origin check, auth
 *       token, long-poll window, frame limit).</li>
 *   <li>Either call {@link dev.channels.jakarta.JakartaChannels#install} while the servlet
 *       context starts, or, in a WAR, implement {@link dev.channels.jakarta.EndpointProvider}
 *       and list it as a service: the container finds it at startup.</li>
 * </ol>
 */
package dev.channels.jakarta;
