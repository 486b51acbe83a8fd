package dev.channels.core.internal.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SerializersTest {

    private static void assertNegotiates(String vsn, Serializer expected) {
        assertEquals(Optional.ofNullable(expected), Serializers.negotiate(vsn), "vsn " + vsn);
    }

    @Test
    void anAbsentVersionMeansVersionOne() {
        assertNegotiates(null, Serializers.V1);
    }

    @Test
    void versionOnePatchesGetTheV1Serializer() {
        assertNegotiates("1.0.0", Serializers.V1);
        assertNegotiates("1.0.9", Serializers.V1);
        assertNegotiates("1.0.1-rc.1", Serializers.V1);
        assertNegotiates("1.0.0+build.7", Serializers.V1);
    }

    @Test
    void versionTwoPatchesGetTheV2Serializer() {
        assertNegotiates("2.0.0", Serializers.V2);
        assertNegotiates("2.0.5", Serializers.V2);
        assertNegotiates("2.0.123456789012345678901234567890", Serializers.V2);
        assertNegotiates("2.0.0+exp.sha.5114f85", Serializers.V2);
    }

    @Test
    void otherVersionsMatchNothing() {
        assertNegotiates("1.1.0", null);
        assertNegotiates("0.9.9", null);
        assertNegotiates("2.1.0", null);
        assertNegotiates("123.1.1", null);
        assertNegotiates("3.0.0", null);
    }

    @Test
    void preReleasesSortBelowTheirVersion() {
        assertNegotiates("2.0.0-rc.1", null);
        assertNegotiates("1.0.0-alpha", null);
        assertNegotiates("2.1.0-rc.1", null);
        assertNegotiates("2.0.1-rc.1", Serializers.V2);
    }

    @Test
    void invalidVersionsMatchNothing() {
        for (String vsn : new String[] {"junk", "", "2", "2.0", "2.0.0.0", "v2.0.0", " 2.0.0",
                "2.0.0 ", "02.0.0", "2.00.0", "2.0.00", "2.0.-1", "2.0.0-", "2.0.0+", "2.0.0-a..b",
                "2.0.0-01", "2.0.0-a_b", "2.0.0+a+b", "2..0", "1.0.0-\u00e9", "\u0662.0.0"}) {
            assertNegotiates(vsn, null);
        }
    }

    @Test
    void acceptsValidPreReleaseAndBuildIdentifiers() {
        assertNegotiates("2.0.1-0.3.7", Serializers.V2);
        assertNegotiates("2.0.1-x.7.z.92", Serializers.V2);
        assertNegotiates("2.0.1-x-y-z.--", Serializers.V2);
        assertNegotiates("2.0.0+001", Serializers.V2);
        assertNegotiates("2.0.1-rc.1+build-1.2", Serializers.V2);
    }

    @Test
    void sharesOneInstancePerVersion() {
        assertSame(Serializers.V2, Serializers.negotiate("2.0.0").orElseThrow());
        assertEquals("1.0.0", Serializers.V1.vsn());
        assertEquals("2.0.0", Serializers.V2.vsn());
    }
}
