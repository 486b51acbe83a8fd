package dev.channels.core.internal.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The External Term Format subset: exact bytes as Erlang writes them, and round trips. */
class EtfTest {

    @Test
    void integersUseTheTagErlangChooses() {
        assertArrayEquals(bytes(131, 97, 0), Etf.encode(0));
        assertArrayEquals(bytes(131, 97, 255), Etf.encode(255));
        assertArrayEquals(bytes(131, 98, 0, 0, 1, 0), Etf.encode(256));
        assertArrayEquals(bytes(131, 98, 255, 255, 255, 255), Etf.encode(-1));
        assertArrayEquals(bytes(131, 98, 127, 255, 255, 255), Etf.encode(Integer.MAX_VALUE));
        assertArrayEquals(bytes(131, 98, 128, 0, 0, 0), Etf.encode(Integer.MIN_VALUE));
        assertArrayEquals(bytes(131, 110, 4, 0, 0, 0, 0, 128), Etf.encode(1L << 31));
        assertArrayEquals(bytes(131, 110, 4, 1, 1, 0, 0, 128), Etf.encode(-(1L << 31) - 1));
        assertArrayEquals(bytes(131, 110, 6, 0, 0, 104, 229, 207, 139, 1),
                Etf.encode(1_700_000_000_000L));
        assertArrayEquals(bytes(131, 110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128),
                Etf.encode(Long.MIN_VALUE));
    }

    @Test
    void integersBeyond255BytesUseLargeBig() {
        BigInteger huge = BigInteger.ONE.shiftLeft(8 * 300);

        byte[] encoded = Etf.encode(huge);

        assertEquals(111, encoded[1] & 0xFF);
        assertArrayEquals(bytes(0, 0, 1, 45, 0), Arrays.copyOfRange(encoded, 2, 7));
        assertEquals(huge, roundTrip(huge));
        assertEquals(huge.negate(), roundTrip(huge.negate()));
    }

    @Test
    void everyIntegerTypeDecodesAsLongWhenItFits() {
        assertEquals(7L, roundTrip((byte) 7));
        assertEquals(-7L, roundTrip((short) -7));
        assertEquals(70_000L, roundTrip(70_000));
        assertEquals(Long.MAX_VALUE, roundTrip(Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, roundTrip(Long.MIN_VALUE));
        assertEquals(5L, roundTrip(BigInteger.valueOf(5)));
        BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        assertEquals(beyond, roundTrip(beyond));
    }

    @Test
    void floatsAreNewFloatExtAndRoundTrip() {
        assertArrayEquals(bytes(131, 70, 63, 185, 153, 153, 153, 153, 153, 154),
                Etf.encode(0.1));
        assertEquals(-2.5, roundTrip(-2.5));
        assertEquals((double) 1.25f, roundTrip(1.25f));
        assertThrows(IllegalArgumentException.class, () -> Etf.encode(Double.NaN));
    }

    @Test
    void stringsAreUtf8BinariesAndBytesStayBytes() {
        assertArrayEquals(bytes(131, 109, 0, 0, 0, 2, 52, 50), Etf.encode("42"));
        assertEquals("héllo 🌍", roundTrip("héllo 🌍"));
        assertEquals("", roundTrip(""));
        byte[] notUtf8 = bytes(0xFF, 0xFE, 0);
        assertArrayEquals(notUtf8, (byte[]) roundTrip(notUtf8));
        assertEquals("ok", roundTrip("ok".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> Etf.encode("\uD800"));
    }

    @Test
    void nilTrueAndFalseAreAtoms() {
        assertArrayEquals(bytes(131, 119, 3, 'n', 'i', 'l'), Etf.encode(null));
        assertNull(roundTrip(null));
        assertEquals(true, roundTrip(true));
        assertEquals(false, roundTrip(false));
        assertEquals(new Atom("infinity"), roundTrip(Atom.INFINITY));
    }

    @Test
    void everyAtomEncodingDecodes() throws EtfException {
        assertEquals(new Atom("ok"), Etf.decode(bytes(131, 100, 0, 2, 'o', 'k')));
        assertEquals(new Atom("ok"), Etf.decode(bytes(131, 115, 2, 'o', 'k')));
        assertEquals(new Atom("ok"), Etf.decode(bytes(131, 118, 0, 2, 'o', 'k')));
        assertEquals(new Atom("ok"), Etf.decode(bytes(131, 119, 2, 'o', 'k')));
        assertEquals(new Atom("é"), Etf.decode(bytes(131, 100, 0, 1, 0xE9)));
        assertEquals(new Atom("é"), Etf.decode(bytes(131, 119, 2, 0xC3, 0xA9)));
        assertNull(Etf.decode(bytes(131, 100, 0, 3, 'n', 'i', 'l')));
        assertEquals(true, Etf.decode(bytes(131, 115, 4, 't', 'r', 'u', 'e')));
        assertThrows(EtfException.class, () -> Etf.decode(bytes(131, 119, 1, 0xFF)));
    }

    @Test
    void tuplesSmallAndLargeRoundTrip() {
        Tuple small = Tuple.of(1L, "two", null);
        Tuple large = new Tuple(new ArrayList<>(Collections.nCopies(300, 1L)));

        assertArrayEquals(bytes(131, 104, 2, 97, 1, 106), Etf.encode(Tuple.of(1, List.of())));
        assertEquals(small, roundTrip(small));
        assertEquals(105, Etf.encode(large)[1] & 0xFF);
        assertEquals(large, roundTrip(large));
    }

    @Test
    void listsOfSmallIntegersAreStringExtLikeErlangWritesThem() {
        assertArrayEquals(bytes(131, 107, 0, 3, 1, 2, 3), Etf.encode(List.of(1, 2, 3)));
        assertArrayEquals(bytes(131, 106), Etf.encode(List.of()));
        assertArrayEquals(bytes(131, 108, 0, 0, 0, 2, 97, 1, 98, 0, 0, 1, 0, 106),
                Etf.encode(List.of(1, 256)));
        assertEquals(List.of(1L, 2L, 3L), roundTrip(List.of(1, 2, 3)));
    }

    @Test
    void listsAndSetsRoundTripAsLists() {
        List<Object> mixed = Arrays.asList("a", 1L, null, List.of(2L), 3.5);

        assertEquals(mixed, roundTrip(mixed));
        assertEquals(List.of("only"), roundTrip(Set.of("only")));
    }

    @Test
    void mapsRoundTripAndStringKeysAreWrittenInErlangOrder() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("b", 2);
        map.put("a", 1);
        map.put("ab", 3);

        byte[] encoded = Etf.encode(map);
        Map<?, ?> back = (Map<?, ?>) roundTrip(map);

        assertEquals(List.of("a", "ab", "b"), new ArrayList<>(back.keySet()));
        assertEquals(3L, back.get("ab"));
        assertArrayEquals(bytes(131, 116, 0, 0, 0, 3, 109, 0, 0, 0, 1, 'a', 97, 1),
                Arrays.copyOf(encoded, 14));
        assertInstanceOf(LinkedHashMap.class, back);
    }

    @Test
    void mapsWithOtherKeysKeepTheirIterationOrder() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(2, "two");
        map.put(true, List.of(1));
        map.put(Tuple.of(1, 2), Map.of());

        Map<?, ?> back = (Map<?, ?>) roundTrip(map);

        assertEquals(List.of(2L, true, Tuple.of(1L, 2L)), new ArrayList<>(back.keySet()));
    }

    @Test
    void toPlainTurnsAtomsIntoStringsAndTuplesIntoLists() {
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put(new Atom("role"), Tuple.of(new Atom("admin"), 1L));

        Object plain = Etf.toPlain(raw);

        assertEquals(Map.of("role", List.of("admin", 1L)), plain);
    }

    @Test
    void compressedTermsInflate() throws EtfException {
        byte[] plain = Etf.encode(Tuple.of("x".repeat(1000), 1L));

        Object decoded = Etf.decode(compress(plain, plain.length - 1));

        assertEquals(Tuple.of("x".repeat(1000), 1L), decoded);
    }

    @Test
    void aCompressedTermThatLiesAboutItsSizeIsRejected() {
        byte[] plain = Etf.encode("x".repeat(1000));

        assertThrows(EtfException.class, () -> Etf.decode(compress(plain, plain.length - 2)));
        assertThrows(EtfException.class, () -> Etf.decode(compress(plain, plain.length)));
    }

    @Test
    void aCompressionBombIsRejectedBeforeInflating() {
        byte[] bomb = bytes(131, 80, 0x7F, 0xFF, 0xFF, 0xFF, 0x78, 0x9C);

        EtfException error = assertThrows(EtfException.class, () -> Etf.decode(bomb));

        assertTrue(error.getMessage().contains("claims"));
    }

    @Test
    void hugeCountsAreRejectedWithoutAllocating() {
        int[][] hostile = {
            {131, 108, 0xFF, 0xFF, 0xFF, 0xFF, 106},
            {131, 105, 0xFF, 0xFF, 0xFF, 0xFF},
            {131, 116, 0x7F, 0xFF, 0xFF, 0xFF, 97, 1},
            {131, 109, 0xFF, 0xFF, 0xFF, 0xF0, 1},
            {131, 111, 0xFF, 0xFF, 0xFF, 0xFF, 0, 1},
            {131, 107, 0xFF, 0xFF, 1, 2},
        };
        for (int[] input : hostile) {
            assertThrows(EtfException.class, () -> Etf.decode(bytes(input)));
        }
    }

    @Test
    void deepNestingIsRejectedNotOverflowed() {
        byte[] deep = new byte[1 + 2 * 100_000 + 1];
        deep[0] = (byte) 131;
        for (int i = 0; i < 100_000; i++) {
            deep[1 + 2 * i] = 104;
            deep[2 + 2 * i] = 1;
        }
        deep[deep.length - 1] = 106;

        EtfException error = assertThrows(EtfException.class, () -> Etf.decode(deep));

        assertTrue(error.getMessage().contains("deeper"));
    }

    @Test
    void encodingACycleFailsClearly() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Etf.encode(cycle));

        assertTrue(error.getMessage().contains("cycle"));
    }

    @Test
    void malformedInputIsRejected() {
        int[][] malformed = {
            {},
            {131},
            {130, 97, 1},
            {131, 97},
            {131, 97, 1, 0},
            {131, 99, 0},
            {131, 108, 0, 0, 0, 1, 97, 1, 97, 2},
            {131, 116, 0, 0, 0, 2, 97, 1, 97, 1, 97, 1, 97, 2},
            {131, 110, 1, 2, 1},
            {131, 70, 0x7F, 0xF0, 0, 0, 0, 0, 0, 0},
            {131, 88, 0},
        };
        for (int[] input : malformed) {
            assertThrows(EtfException.class, () -> Etf.decode(bytes(input)),
                    () -> Arrays.toString(input));
        }
    }

    @Test
    void unsupportedTypesAreRefusedWithTheirName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Etf.encode(Map.of("when", Instant.EPOCH)));

        assertTrue(error.getMessage().contains("java.time.Instant"));
    }

    static Object roundTrip(Object value) {
        try {
            return Etf.decode(Etf.encode(value));
        } catch (EtfException e) {
            throw new AssertionError("could not decode what was encoded: " + e.getMessage(), e);
        }
    }

    private static byte[] compress(byte[] versioned, int statedSize) {
        Deflater deflater = new Deflater();
        deflater.setInput(versioned, 1, versioned.length - 1);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(131);
        out.write(80);
        out.write(statedSize >>> 24);
        out.write(statedSize >>> 16);
        out.write(statedSize >>> 8);
        out.write(statedSize);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
