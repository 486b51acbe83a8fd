package dev.channels.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A process's CPU time so far, user and kernel, from {@code /proc/P/stat} (Linux), in clock
 * ticks of {@link #TICKS_PER_SECOND}. Where the fan-out's time goes: the server's own code,
 * the kernel's (its writes, which on loopback also carry the receiving side's TCP work), and
 * the client's.
 *
 * @param user ticks spent in user mode
 * @param kernel ticks spent in the kernel on the process's behalf
 */
record ProcessCpu(long user, long kernel) {

    /** Linux reports {@code /proc} times in USER_HZ ticks, 100 per second on every port. */
    static final int TICKS_PER_SECOND = 100;

    /**
     * Reads a process's times.
     *
     * @param pid the process, or 0 for this one
     * @return its times, or null without {@code /proc}
     */
    static ProcessCpu read(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc/" + (pid == 0 ? "self" : pid)
                    + "/stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fields 14 and 15 (utime, stime) of a {@code /proc/P/stat} line. */
    static ProcessCpu parse(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces and parentheses:
        // count fields from the state (field 3), after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new ProcessCpu(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }

    /** Microseconds of user and kernel time per event between two readings. */
    static String perEvent(ProcessCpu before, ProcessCpu after, long events) {
        double micros = 1e6 / TICKS_PER_SECOND / Math.max(1, events);
        return String.format(Locale.ROOT, "user %.1f us, kernel %.1f us",
                (after.user - before.user) * micros,
                (after.kernel - before.kernel) * micros);
    }
}
