package dev.channels.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void userAndKernelTicksAreFields14And15EvenWhenTheNameHoldsSpacesAndParentheses() {
        ProcessCpu cpu = ProcessCpu.parse("4242 (a (b) c) S 1 4242 4242 0 -1 4194560 900 0 0 0"
                + " 731 1144 0 0 20 0 40 0 123 456 789\n");

        assertEquals(new ProcessCpu(731, 1144), cpu);
    }

    @Test
    void perEventIsMicrosecondsOfEachModePerEvent() {
        String line = ProcessCpu.perEvent(new ProcessCpu(100, 200), new ProcessCpu(171, 314),
                100_000);

        assertEquals("user 7.1 us, kernel 11.4 us", line);
    }
}
