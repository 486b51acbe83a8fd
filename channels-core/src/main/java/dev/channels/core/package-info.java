/**
 * The runtime a host application builds once: {@link dev.channels.core.Endpoint} serves the
 * sockets, {@link dev.channels.core.Token} signs and verifies Phoenix-compatible tokens.
 */
package dev.channels.core;
