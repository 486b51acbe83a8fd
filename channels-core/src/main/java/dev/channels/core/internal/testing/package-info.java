/**
 * The runtime's hooks for {@code dev.channels.testkit}, exported to that module only.
 */
package dev.channels.core.internal.testing;
