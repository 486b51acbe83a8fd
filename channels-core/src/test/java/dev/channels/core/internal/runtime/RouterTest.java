package dev.channels.core.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Join;
import dev.channels.Payload;
import org.junit.jupiter.api.Test;

/** Topic routing, PROTOCOL.md §4.3 and §12.5 item 65. */
class RouterTest {

    private static final class Food implements Channel {
        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            return Join.ok();
        }
    }

    private static final class Foo implements Channel {
        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            return Join.ok();
        }
    }

    @Test
    void routesAreTriedInDeclarationOrderAndStarIsAPrefixMatch() {
        Router router = new Router();
        router.channel("food*", Food::new).channel("foo*", Foo::new).channel("exact", Foo::new);

        assertEquals("foo*", router.match("foo:1").pattern());
        assertEquals("food*", router.match("food:1").pattern());
        assertEquals("exact", router.match("exact").pattern());
        assertNull(router.match("exactly"));
        assertNull(router.match("unknown"));
    }

    @Test
    void aStarBeforeTheEndIsRejected() {
        Router router = new Router();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> router.channel("room:*:x", Foo::new));
        assertEquals("a route pattern may only end with *, got \"room:*:x\"; use \"prefix*\" for"
                + " a prefix or an exact topic", error.getMessage());
    }

    @Test
    void routesCannotBeAddedOnceSealed() {
        Router router = new Router();
        router.seal();
        assertThrows(IllegalStateException.class, () -> router.channel("a", Foo::new));
    }
}
