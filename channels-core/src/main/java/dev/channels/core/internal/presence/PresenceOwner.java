package dev.channels.core.internal.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whoever tracked a presence: a channel, or anything else in the host with a lifetime. When
 * it {@link #end ends}, the tracker removes every presence it tracked on this node, as
 * Phoenix does when a tracked process exits.
 *
 * <p>Thread-safe. End hooks run once, on the thread that calls {@link #end}, or at once on
 * the registering thread when the owner has already ended.
 */
public final class PresenceOwner {

    private final String id;
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean ended;

    /**
     * Creates an owner.
     *
     * @param id a name unique among this node's live owners
     */
    public PresenceOwner(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * The owner's id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Runs a hook when the owner ends.
     *
     * @param hook the hook; must not block
     */
    public void onEnd(Runnable hook) {
        synchronized (this) {
            if (!ended) {
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    /** Ends the owner and runs its hooks; later calls do nothing. */
    public void end() {
        List<Runnable> run;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            run = new ArrayList<>(hooks);
            hooks.clear();
        }
        run.forEach(Runnable::run);
    }

    /**
     * Whether the owner has ended.
     *
     * @return true after {@link #end}
     */
    public synchronized boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return "PresenceOwner[" + id + "]";
    }
}
