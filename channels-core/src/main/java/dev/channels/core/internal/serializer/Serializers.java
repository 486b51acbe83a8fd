package dev.channels.core.internal.serializer;

import java.util.Optional;

/**
 * The two serializers and the choice between them from the {@code vsn} query parameter
 * (PROTOCOL.md §2.1).
 */
public final class Serializers {

    /** The V1 JSON serializer, {@code ~> 1.0.0}. */
    public static final Serializer V1 = new V1JsonSerializer();

    /** The V2 serializer (JSON text and binary frames), {@code ~> 2.0.0}. */
    public static final Serializer V2 = new V2Serializer();

    private Serializers() {
    }

    /**
     * Chooses the serializer for a client's {@code vsn}, as Phoenix does with its default
     * requirements: {@code ~> 1.0.0} gives V1, {@code ~> 2.0.0} gives V2. A missing
     * {@code vsn} means {@code "1.0.0"}. The value must be a SemVer version; pre-releases
     * such as {@code 2.0.0-rc.1} sort below {@code 2.0.0} and match neither.
     *
     * @param vsn the {@code vsn} query parameter, or null when absent
     * @return the serializer, or empty when the version is invalid or matches neither (the
     *     connection is then refused with HTTP 403)
     */
    public static Optional<Serializer> negotiate(String vsn) {
        SemVer version = SemVer.parse(vsn == null ? V1JsonSerializer.VSN : vsn);
        if (version == null) {
            return Optional.empty();
        }
        if (version.matchesPatchesOf(1, 0)) {
            return Optional.of(V1);
        }
        if (version.matchesPatchesOf(2, 0)) {
            return Optional.of(V2);
        }
        return Optional.empty();
    }
}
