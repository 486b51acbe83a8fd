package dev.channels.benchmarks.load;

import java.util.HashMap;
import java.util.Map;

/**
 * The command line of {@link LoadTool}: a scenario name followed by {@code --name value} pairs.
 * Unknown names are kept and simply never read, so one command line can carry options for
 * several scenarios.
 */
public final class Options {

    private final String scenario;
    private final Map<String, String> values;

    private Options(String scenario, Map<String, String> values) {
        this.scenario = scenario;
        this.values = values;
    }

    /**
     * Parses {@code <scenario> [--name value]...}.
     *
     * @throws IllegalArgumentException when the scenario is missing or a name has no value
     */
    public static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("expected a scenario first, got none");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got: " + name);
            }
            values.put(name.substring(2), args[++i]);
        }
        return new Options(args[0], values);
    }

    /** The scenario, the first argument. */
    public String scenario() {
        return scenario;
    }

    /** The value of {@code --name}, or the fallback when it was not given. */
    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of {@code --name} as an int, or the fallback when it was not given. */
    public int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    /** The value of {@code --name} as a double, or the fallback when it was not given. */
    public double decimal(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    /** Whether {@code --name} was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }
}
