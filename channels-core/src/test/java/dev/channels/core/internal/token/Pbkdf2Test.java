package dev.channels.core.internal.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/** Key derivation agrees with the JDK's PBKDF2 and with RFC 7914's vector. */
class Pbkdf2Test {

    private static final String PASSWORD = "abc123abc123abc123abc123abc123";

    @Test
    void itMatchesRfc7914sSha256Vector() {
        byte[] key = Pbkdf2.derive("HmacSHA256", bytes("passwd"), bytes("salt"), 1, 64);

        assertEquals("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
                HexFormat.of().formatHex(key));
    }

    @Test
    void itMatchesTheJdkForEveryDigestAndSeveralLengths() throws Exception {
        String[][] algorithms = {
            {"HmacSHA256", "PBKDF2WithHmacSHA256"},
            {"HmacSHA384", "PBKDF2WithHmacSHA384"},
            {"HmacSHA512", "PBKDF2WithHmacSHA512"},
        };
        for (String[] algorithm : algorithms) {
            for (int length : new int[] {1, 20, 32, 48, 64, 100}) {
                byte[] ours = Pbkdf2.derive(algorithm[0], bytes(PASSWORD), bytes("user socket"),
                        17, length);
                PBEKeySpec spec = new PBEKeySpec(PASSWORD.toCharArray(), bytes("user socket"),
                        17, length * 8);
                byte[] jdks = SecretKeyFactory.getInstance(algorithm[1]).generateSecret(spec)
                        .getEncoded();

                assertArrayEquals(jdks, ours, algorithm[0] + " " + length);
            }
        }
    }

    @Test
    void cachedKeysAreHandedOutAsCopies() {
        KeyDerivation keys = new KeyDerivation(bytes(PASSWORD), 1000, 32, "sha256");

        byte[] first = keys.key("id");
        first[0] ^= 1;
        byte[] second = keys.key("id");

        assertNotSame(first, second);
        assertEquals("bd2e641812fc0f1cdba030c565d93dbb1b005dd8dce2bb5d46f921e46379f5d0",
                HexFormat.of().formatHex(second));
    }

    @Test
    void theCacheStaysBoundedAndStillDerivesCorrectly() {
        KeyDerivation keys = new KeyDerivation(bytes(PASSWORD), 1, 32, "sha256");

        for (int i = 0; i < KeyDerivation.MAX_CACHED_KEYS * 2; i++) {
            keys.key("salt " + i);
        }

        assertEquals(KeyDerivation.MAX_CACHED_KEYS, keys.cachedKeys());
        assertArrayEquals(Pbkdf2.derive("HmacSHA256", bytes(PASSWORD), bytes("salt 0"), 1, 32),
                keys.key("salt 0"));
    }

    @Test
    void unknownDigestsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new KeyDerivation(bytes(PASSWORD), 1, 32, "sha1"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
