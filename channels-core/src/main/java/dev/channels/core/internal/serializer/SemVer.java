package dev.channels.core.internal.serializer;

/**
 * The part of a SemVer 2.0.0 version that serializer negotiation needs: the three numbers and
 * whether there is a pre-release. Parsed by hand, no regular expressions.
 *
 * @param major the major number, capped at {@link Long#MAX_VALUE}
 * @param minor the minor number, capped likewise
 * @param patch the patch number, capped likewise
 * @param preRelease whether a pre-release ({@code -rc.1}) follows the patch number
 */
record SemVer(long major, long minor, long patch, boolean preRelease) {

    /**
     * Parses {@code MAJOR.MINOR.PATCH}, optionally followed by {@code -pre.release} and
     * {@code +build.metadata}. Numbers and numeric pre-release identifiers have no leading
     * zeros; identifiers are non-empty and made of {@code [0-9A-Za-z-]}.
     *
     * @param text the version text
     * @return the version, or null when the text is not a version
     */
    static SemVer parse(String text) {
        int end = text.length();
        int plus = text.indexOf('+');
        if (plus >= 0) {
            if (!identifiers(text, plus + 1, end, false)) {
                return null;
            }
            end = plus;
        }
        int dash = text.indexOf('-');
        boolean preRelease = dash >= 0 && dash < end;
        if (preRelease) {
            if (!identifiers(text, dash + 1, end, true)) {
                return null;
            }
            end = dash;
        }
        int firstDot = text.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : text.indexOf('.', firstDot + 1);
        if (secondDot < 0 || secondDot >= end) {
            return null;
        }
        long major = number(text, 0, firstDot);
        long minor = number(text, firstDot + 1, secondDot);
        long patch = number(text, secondDot + 1, end);
        if (major < 0 || minor < 0 || patch < 0) {
            return null;
        }
        return new SemVer(major, minor, patch, preRelease);
    }

    /**
     * Whether this version matches Elixir's {@code ~> MAJOR.MINOR.0}: at least
     * {@code MAJOR.MINOR.0} and below {@code MAJOR.(MINOR+1).0}, pre-releases of the upper
     * bound excluded. So {@code 2.0.0-rc.1} (below 2.0.0) does not match {@code ~> 2.0.0}.
     *
     * @param wantMajor the required major number
     * @param wantMinor the required minor number
     * @return true on a match
     */
    boolean matchesPatchesOf(long wantMajor, long wantMinor) {
        return major == wantMajor && minor == wantMinor && !(patch == 0 && preRelease);
    }

    /** A decimal number without leading zeros, capped; -1 when not a number. */
    private static long number(String text, int from, int to) {
        if (from >= to || text.charAt(from) == '0' && to - from > 1) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return value;
    }

    /** Dot-separated non-empty identifiers of {@code [0-9A-Za-z-]}. */
    private static boolean identifiers(String text, int from, int to, boolean noLeadingZeros) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '.') {
                if (!identifier(text, start, i, noLeadingZeros)) {
                    return false;
                }
                start = i + 1;
            } else if (!isIdentifierChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean identifier(String text, int from, int to, boolean noLeadingZeros) {
        if (from >= to) {
            return false;
        }
        if (!noLeadingZeros || text.charAt(from) != '0' || to - from == 1) {
            return true;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentifierChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-';
    }
}
