package dev.channels.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.Channel;
import dev.channels.ChannelContext;
import dev.channels.Connect;
import dev.channels.ConnectRequest;
import dev.channels.Join;
import dev.channels.Payload;
import dev.channels.Reply;
import dev.channels.Routes;
import dev.channels.Socket;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where callbacks run, and that a slow one stalls nobody else. */
class ThreadingTest {

    private final CountDownLatch releaseJoin = new CountDownLatch(1);
    private final Endpoint endpoint = Endpoint.builder().socket("/socket", new Socket() {
        @Override
        public void routes(Routes routes) {
            routes.channel("slow:*", SlowJoin::new);
            routes.channel("where:*", WhereAmI::new);
        }

        @Override
        public Connect connect(ConnectRequest request) {
            return Connect.accept();
        }
    }).build();

    @AfterEach
    void shutDown() {
        releaseJoin.countDown();
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    private final class SlowJoin implements Channel {
        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            try {
                releaseJoin.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Join.ok();
        }
    }

    private static final class WhereAmI implements Channel {
        @Override
        public Join join(String topic, Payload params, ChannelContext channel) {
            return Join.ok();
        }

        @Override
        public Reply handleIn(String event, Payload payload, ChannelContext channel) {
            return Reply.ok(Map.of("virtual", isVirtual(Thread.currentThread()),
                    "thread", Thread.currentThread().getName()));
        }
    }

    @Test
    void aSlowJoinDoesNotStallOtherSockets() {
        try (Wire slow = Wire.v2(endpoint); Wire other = Wire.v2(endpoint)) {
            slow.send("['1','1','slow:1','phx_join',{}]");
            other.send("['1','1','where:1','phx_join',{}]")
                    .expect("['1','1','where:1','phx_reply',{'response':{},'status':'ok'}]");
            other.send("[null,'2','phoenix','heartbeat',{}]")
                    .expect("[null,'2','phoenix','phx_reply',{'response':{},'status':'ok'}]");
            releaseJoin.countDown();
            slow.expect("['1','1','slow:1','phx_reply',{'response':{},'status':'ok'}]");
        }
    }

    @Test
    void callbacksRunOnVirtualThreadsWhereTheJvmHasThemAndOnThePoolOtherwise() {
        try (Wire wire = Wire.v2(endpoint)) {
            wire.send("['1','1','where:1','phx_join',{}]").next();
            wire.send("['1','2','where:1','ask',{}]");
            String reply = wire.next();
            boolean virtualThreadsExist = Runtime.version().feature() >= 21;
            assertTrue(reply.contains("\"virtual\":" + virtualThreadsExist), reply);
            if (!virtualThreadsExist) {
                assertTrue(reply.contains("\"thread\":\"channels-"), reply);
            }
        }
    }

    private static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (Boolean) isVirtual.invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
