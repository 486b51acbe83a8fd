package dev.channels.core.internal.runtime;

/** A channel that tells when it ends, so what it owns (its presences) can go with it. */
public interface ChannelEnd {

    /**
     * Runs a hook once the channel has ended, whatever the reason (leave, crash, socket
     * close, refused or crashed join); at once when it already has. Hooks run after
     * {@code terminate}, on the thread that ended the channel, and must not block.
     *
     * @param hook the hook
     */
    void whenEnded(Runnable hook);
}
