package dev.channels.core.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void shortReasonsAreKeptAsTheyAre() {
        String reason = "invalid frame: JSON ends early";

        assertSame(reason, Frames.truncate(reason));
        assertEquals("x".repeat(123), Frames.truncate("x".repeat(123)));
    }

    @Test
    void longReasonsAreCutTo123BytesOfUtf8() {
        assertEquals("x".repeat(123), Frames.truncate("x".repeat(500)));
        assertEquals(122, utf8(Frames.truncate("\u00e9".repeat(100))));
        assertEquals(123, utf8(Frames.truncate("\u20ac".repeat(100))));
    }

    @Test
    void longReasonsAreNeverCutInsideACharacter() {
        String emoji = "\uD83D\uDE00";
        String cut = Frames.truncate("ab" + emoji.repeat(60));

        assertEquals(2 + 4 * 30, utf8(cut));
        assertTrue(cut.endsWith(emoji));
    }

    @Test
    void invalidFrameErrorsCarryCode1007AndAPrefix() {
        FrameException error = Frames.invalid("x".repeat(300));

        assertEquals(1007, error.closeCode());
        assertEquals(123, utf8(error.getMessage()));
        assertTrue(error.getMessage().startsWith("invalid frame: x"));
    }
}
