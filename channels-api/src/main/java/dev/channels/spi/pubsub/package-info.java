/**
 * The pub/sub SPI: how broadcasts travel between the nodes of one application. The runtime
 * delivers to its own node's subscribers itself; an adapter only carries messages to and
 * from other nodes. The default adapter is local (one node, nothing to carry).
 */
package dev.channels.spi.pubsub;
