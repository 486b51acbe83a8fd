/**
 * An in-memory transport: a client and a server socket joined by a pipe, for tests and
 * benchmarks, speaking the same frames as a WebSocket.
 */
package dev.channels.core.memory;
