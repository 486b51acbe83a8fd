package dev.channels.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The load client reads frames by scanning them; these pin what the scan finds. */
class FrameTest {

    @Test
    void readsTheRefAndEventOfAV2Frame() {
        String reply = "[\"1\",\"1\",\"bench:load\",\"phx_reply\","
                + "{\"response\":{},\"status\":\"ok\"}]";
        assertEquals("1", Frame.ref(reply));
        assertEquals("phx_reply", Frame.event(reply));
        String broadcast = "[null,null,\"room:a\\\"b\",\"new_msg\",{\"body\":\"x\"}]";
        assertNull(Frame.ref(broadcast));
        assertEquals("new_msg", Frame.event(broadcast));
    }

    @Test
    void answersNullForWhatIsNoV2Frame() {
        assertNull(Frame.event("{\"event\":\"x\"}"));
        assertNull(Frame.event("[null,null,\"t\""));
        assertNull(Frame.event(""));
    }

    @Test
    void findsFieldsAndNumbersInAPayload() {
        String payload = "{\"body\":\"t12\\\"3\",\"server_ts\":1764790000123,\"event\":\"load\"}";
        assertEquals("t12\\\"3", Frame.field(payload, "body"));
        assertEquals(1764790000123L, Frame.number(payload, "server_ts"));
        assertEquals("load", Frame.field(payload, "event"));
        assertEquals(-1, Frame.number(payload, "missing"));
        assertEquals(-1, Frame.number(payload, "body"));
    }

    @Test
    void encodesRefsAsJsonStringsOrNull() {
        assertEquals("[null,\"2\",\"phoenix\",\"heartbeat\",{}]",
                Frame.encode(null, "2", "phoenix", "heartbeat", "{}"));
    }
}
