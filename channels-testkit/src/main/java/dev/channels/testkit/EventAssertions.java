package dev.channels.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.channels.Payload;
import dev.channels.testkit.internal.Event;
import dev.channels.testkit.internal.EventLog;
import dev.channels.testkit.internal.JsonMatch;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Assertions on what a test received, in Phoenix's {@code ChannelTest} vocabulary: pushes to
 * the test client, replies to its messages, and broadcasts heard on subscribed topics. On
 * {@link ChannelsTestKit} they see everything the test received; on a {@link TestChannel},
 * only that channel's pushes, replies and its topic's broadcasts.
 *
 * <h2>How events are matched</h2>
 * <p>Everything received waits in one list, in arrival order. An {@code assert…} takes the
 * first event that matches out of the list, waiting for it up to the assert timeout (1 s by
 * default, {@link ChannelsTestKit#assertTimeout(Duration)}), and returns its payload so
 * that the test can read ids or timestamps. Events that do not match stay in the list for
 * later asserts. A {@code refute…} waits the whole refute timeout (100 ms by default,
 * {@link ChannelsTestKit#refuteTimeout(Duration)}) and fails as soon as a matching event
 * arrives; it takes nothing out of the list. Every method also takes its own timeout.
 *
 * <h2>Expected payloads</h2>
 * <p>An expected payload is compared as JSON, the way the client sees it: records, beans and
 * maps become objects with string keys, numbers compare by value ({@code 7} equals
 * {@code 7L}), lists stay in order. A {@link dev.channels.Binary} expects a binary payload
 * with those bytes. A {@link PayloadMatcher} from {@link Payloads} matches part of a payload
 * (a subset of fields, some keys, or a predicate). The overloads without an expected payload
 * accept any payload.
 *
 * <h2>Failures</h2>
 * <p>A failed assertion throws JUnit's {@code AssertionFailedError}, naming what was expected
 * and listing, in order, every event received and not yet asserted.
 *
 * <p>Call these from the test thread; events arrive from the runtime's threads meanwhile.
 */
public abstract class EventAssertions {

    private static final int SHOWN = 25;

    EventAssertions() {
    }

    /** The events received and not yet asserted. */
    abstract EventLog log();

    /** Whether an event belongs to what this object asserts on. */
    abstract boolean inScope(Event event);

    /** Where these assertions look, for messages: empty, or " on room:1". */
    abstract String where();

    /** How long an assert waits by default. */
    abstract Duration waitToAssert();

    /** How long a refute waits by default. */
    abstract Duration waitToRefute();

    // ---------------------------------------------------------------- pushes

    /**
     * Asserts that the client received a push of this event, with any payload. A broadcast
     * delivered to the client through the fastlane counts as a push (its join ref is null),
     * as Phoenix's {@code assert_push} sees it.
     *
     * @param event the event name
     * @return the push's payload
     */
    public final Payload assertPush(String event) {
        return assertPush(event, Payloads.anything(), waitToAssert());
    }

    /**
     * Asserts that the client received a push of this event with a matching payload.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     * @return the push's payload
     */
    public final Payload assertPush(String event, Object expected) {
        return assertPush(event, expected, waitToAssert());
    }

    /**
     * Asserts that the client receives a push of this event with a matching payload within a
     * timeout.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     * @param timeout the longest wait
     * @return the push's payload
     */
    public final Payload assertPush(String event, Object expected, Duration timeout) {
        return take(push(event, expected), timeout,
                () -> "a push \"" + event + "\"" + matching(expected));
    }

    /**
     * Asserts that no push of this event reaches the client within the refute timeout.
     *
     * @param event the event name
     */
    public final void refutePush(String event) {
        refutePush(event, Payloads.anything(), waitToRefute());
    }

    /**
     * Asserts that no push of this event with a matching payload reaches the client within
     * the refute timeout.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     */
    public final void refutePush(String event, Object expected) {
        refutePush(event, expected, waitToRefute());
    }

    /**
     * Asserts that no push of this event with a matching payload reaches the client within a
     * timeout.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     * @param timeout how long to watch
     */
    public final void refutePush(String event, Object expected, Duration timeout) {
        refute(push(event, expected), timeout,
                () -> "a push \"" + event + "\"" + matching(expected));
    }

    private Predicate<Event> push(String event, Object expected) {
        Objects.requireNonNull(event, "event");
        Object checked = JsonMatch.checked(expected);
        return e -> e.kind() == Event.Kind.PUSH && e.event().equals(event)
                && JsonMatch.matches(checked, e.payload());
    }

    // ---------------------------------------------------------------- replies

    /**
     * Asserts that the message with this ref was answered with this status, whatever the
     * response.
     *
     * @param ref the ref {@link TestChannel#push} returned
     * @param status the status, such as {@code "ok"} or {@code "error"}
     * @return the reply's response
     */
    public final Payload assertReply(String ref, String status) {
        return assertReply(ref, status, Payloads.anything(), waitToAssert());
    }

    /**
     * Asserts that the message with this ref was answered with this status and a matching
     * response.
     *
     * @param ref the ref {@link TestChannel#push} returned
     * @param status the status, such as {@code "ok"} or {@code "error"}
     * @param expected the response, compared as JSON, or a {@link PayloadMatcher}
     * @return the reply's response
     */
    public final Payload assertReply(String ref, String status, Object expected) {
        return assertReply(ref, status, expected, waitToAssert());
    }

    /**
     * Asserts that the message with this ref is answered with this status and a matching
     * response within a timeout.
     *
     * @param ref the ref {@link TestChannel#push} returned
     * @param status the status, such as {@code "ok"} or {@code "error"}
     * @param expected the response, compared as JSON, or a {@link PayloadMatcher}
     * @param timeout the longest wait
     * @return the reply's response
     */
    public final Payload assertReply(String ref, String status, Object expected,
            Duration timeout) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(status, "status");
        Object checked = JsonMatch.checked(expected);
        return take(e -> e.kind() == Event.Kind.REPLY && ref.equals(e.ref())
                && status.equals(e.status()) && JsonMatch.matches(checked, e.payload()),
                timeout, () -> "a reply \"" + status + "\" to ref " + ref + matching(expected));
    }

    /**
     * Asserts that the message with this ref gets no reply, of any status, within the refute
     * timeout.
     *
     * @param ref the ref {@link TestChannel#push} returned
     */
    public final void refuteReply(String ref) {
        refuteReply(ref, waitToRefute());
    }

    /**
     * Asserts that the message with this ref gets no reply within a timeout.
     *
     * @param ref the ref {@link TestChannel#push} returned
     * @param timeout how long to watch
     */
    public final void refuteReply(String ref, Duration timeout) {
        Objects.requireNonNull(ref, "ref");
        refute(e -> e.kind() == Event.Kind.REPLY && ref.equals(e.ref()), timeout,
                () -> "a reply to ref " + ref);
    }

    // ---------------------------------------------------------------- broadcasts

    /**
     * Asserts that a broadcast of this event was heard on a topic the test subscribed to
     * ({@link TestSocket#subscribeAndJoin} or {@link ChannelsTestKit#subscribe}), with any
     * payload.
     *
     * @param event the event name
     * @return the broadcast's payload
     */
    public final Payload assertBroadcast(String event) {
        return assertBroadcast(event, Payloads.anything(), waitToAssert());
    }

    /**
     * Asserts that a broadcast of this event with a matching payload was heard on a topic the
     * test subscribed to.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     * @return the broadcast's payload
     */
    public final Payload assertBroadcast(String event, Object expected) {
        return assertBroadcast(event, expected, waitToAssert());
    }

    /**
     * Asserts that a broadcast of this event with a matching payload is heard within a
     * timeout.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     * @param timeout the longest wait
     * @return the broadcast's payload
     */
    public final Payload assertBroadcast(String event, Object expected, Duration timeout) {
        return take(broadcast(event, expected), timeout,
                () -> "a broadcast \"" + event + "\"" + matching(expected));
    }

    /**
     * Asserts that no broadcast of this event is heard within the refute timeout.
     *
     * @param event the event name
     */
    public final void refuteBroadcast(String event) {
        refuteBroadcast(event, Payloads.anything(), waitToRefute());
    }

    /**
     * Asserts that no broadcast of this event with a matching payload is heard within the
     * refute timeout.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     */
    public final void refuteBroadcast(String event, Object expected) {
        refuteBroadcast(event, expected, waitToRefute());
    }

    /**
     * Asserts that no broadcast of this event with a matching payload is heard within a
     * timeout.
     *
     * @param event the event name
     * @param expected the payload, compared as JSON, or a {@link PayloadMatcher}
     * @param timeout how long to watch
     */
    public final void refuteBroadcast(String event, Object expected, Duration timeout) {
        refute(broadcast(event, expected), timeout,
                () -> "a broadcast \"" + event + "\"" + matching(expected));
    }

    private Predicate<Event> broadcast(String event, Object expected) {
        Objects.requireNonNull(event, "event");
        Object checked = JsonMatch.checked(expected);
        return e -> e.kind() == Event.Kind.BROADCAST && e.event().equals(event)
                && JsonMatch.matches(checked, e.payload());
    }

    // ---------------------------------------------------------------- surprises

    /**
     * Asserts that nothing else arrives: every event received so far was asserted, and none
     * arrives within the refute timeout. Put it at the end of a test to catch surprise
     * pushes, replies, broadcasts, {@code phx_close} or {@code phx_error}.
     */
    public final void assertNoMoreEvents() {
        refute(e -> true, waitToRefute(), () -> "no more events");
    }

    // ---------------------------------------------------------------- machinery

    /** Takes the first event in scope that matches, or fails listing what did arrive. */
    final Event takeEvent(Predicate<Event> match, Duration timeout,
            Supplier<String> what) {
        Event event = log().take(e -> inScope(e) && match.test(e), requirePositive(timeout));
        if (event == null) {
            fail("expected " + what.get() + where() + " within " + millis(timeout)
                    + ", but it did not arrive. " + received());
        }
        return event;
    }

    private Payload take(Predicate<Event> match, Duration timeout,
            Supplier<String> what) {
        return takeEvent(match, timeout, what).payload();
    }

    private void refute(Predicate<Event> match, Duration timeout,
            Supplier<String> what) {
        Event event = log().find(e -> inScope(e) && match.test(e), requirePositive(timeout));
        if (event != null) {
            String expectation = what.get().replaceFirst("^a ", "");
            fail("expected " + (expectation.equals("no more events") ? "" : "no ")
                    + expectation + where() + " within " + millis(timeout) + ", but got "
                    + event.describe() + ". " + received());
        }
    }

    private String received() {
        List<Event> pending = log().pending();
        if (pending.isEmpty()) {
            return "Nothing else was received.";
        }
        StringBuilder out = new StringBuilder("Received and not yet asserted, in order:");
        for (int i = 0; i < pending.size() && i < SHOWN; i++) {
            out.append("\n  ").append(i + 1).append(". ").append(pending.get(i).describe());
        }
        if (pending.size() > SHOWN) {
            out.append("\n  … and ").append(pending.size() - SHOWN).append(" more");
        }
        return out.toString();
    }

    private static String matching(Object expected) {
        return expected == Payloads.anything() ? "" : " matching " + JsonMatch.describe(expected);
    }

    private static Duration requirePositive(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a timeout cannot be negative, got " + timeout);
        }
        return timeout;
    }

    private static String millis(Duration timeout) {
        return timeout.toMillis() + " ms";
    }
}
