package dev.channels.core.internal.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random terms and random or mutated bytes: the decoder gives back what was encoded,
 * and on anything else it only ever returns a value or throws {@link EtfException}.
 */
class EtfFuzzTest {

    private static final long SEED = 0x5EED_70CEL;
    private static final int[] TAGS = {70, 80, 97, 98, 100, 104, 105, 106, 107, 108, 109, 110,
        111, 115, 116, 118, 119};

    private final Random random = new Random(SEED);

    @Test
    void randomTermsRoundTrip() throws EtfException {
        for (int i = 0; i < 2_000; i++) {
            Object term = randomTerm(0);

            Object decoded = Etf.decode(Etf.encode(term));

            assertEquals(normalized(term), normalized(decoded), "seed " + SEED + ", term " + i);
        }
    }

    @Test
    void mutatedEncodingsOnlyDecodeOrThrowTheDocumentedException() {
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = Etf.encode(randomTerm(0));
            mutate(bytes);
            if (random.nextInt(4) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            decodeSafely(bytes, i);
        }
    }

    @Test
    void randomBytesBehindTheVersionByteOnlyDecodeOrThrowTheDocumentedException() {
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(40)];
            random.nextBytes(bytes);
            bytes[0] = (byte) 131;
            if (bytes.length > 1 && random.nextBoolean()) {
                bytes[1] = (byte) TAGS[random.nextInt(TAGS.length)];
            }
            decodeSafely(bytes, i);
        }
    }

    private void decodeSafely(byte[] bytes, int round) {
        try {
            Etf.decode(bytes);
        } catch (EtfException expected) {
            return;
        } catch (Throwable unexpected) {
            fail("seed " + SEED + ", round " + round + ", input " + Arrays.toString(bytes)
                    + " threw " + unexpected, unexpected);
        }
    }

    private void mutate(byte[] bytes) {
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes && bytes.length > 1; c++) {
            int at = 1 + random.nextInt(bytes.length - 1);
            switch (random.nextInt(3)) {
                case 0:
                    bytes[at] = (byte) random.nextInt(256);
                    break;
                case 1:
                    bytes[at] = (byte) TAGS[random.nextInt(TAGS.length)];
                    break;
                default:
                    bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0);
                    break;
            }
        }
    }

    private Object randomTerm(int depth) {
        int kind = random.nextInt(depth > 3 ? 9 : 13);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return (long) random.nextInt(256);
            case 3:
                return random.nextLong() >> random.nextInt(64);
            case 4:
                return new BigInteger(1 + random.nextInt(300), random);
            case 5:
                return random.nextDouble() * 1e6 - 5e5;
            case 6:
                return randomString();
            case 7:
                return randomBytes();
            case 8:
                return new Atom("a" + random.nextInt(100));
            case 9:
                return randomList(depth);
            case 10:
                return new Tuple(randomList(depth));
            default:
                return randomMap(depth);
        }
    }

    private String randomString() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(26)
                    : 0x20 + random.nextInt(0x2000));
        }
        return text.toString();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(8)];
        random.nextBytes(bytes);
        return bytes;
    }

    private List<Object> randomList(int depth) {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            list.add(randomTerm(depth + 1));
        }
        return list;
    }

    private Map<Object, Object> randomMap(int depth) {
        Map<Object, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            Object key = random.nextBoolean() ? randomString() : (long) random.nextInt(1000);
            map.put(key, randomTerm(depth + 1));
        }
        return map;
    }

    /** Makes encoded and decoded comparable: integers as BigInteger, bytes as lists. */
    private static Object normalized(Object term) {
        if (term instanceof Long number) {
            return BigInteger.valueOf(number);
        }
        if (term instanceof byte[] bytes) {
            Object text = utf8OrNull(bytes);
            return text != null ? text : "bytes:" + Arrays.toString(bytes);
        }
        if (term instanceof Tuple tuple) {
            return List.of("tuple", normalized(tuple.elements()));
        }
        if (term instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(normalized(element)));
            return copy;
        }
        if (term instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(normalized(key), normalized(value)));
            return copy;
        }
        return term;
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
