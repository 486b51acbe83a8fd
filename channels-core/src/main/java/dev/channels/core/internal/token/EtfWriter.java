package dev.channels.core.internal.token;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** One encoding run of {@link Etf#encode(Object)}; not reusable, not thread-safe. */
final class EtfWriter {

    private static final int ERLANG_SORTED_MAP_LIMIT = 32;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] write(Object term) {
        out.write(Etf.VERSION);
        term(term, 0);
        return out.toByteArray();
    }

    private void term(Object term, int depth) {
        if (depth > Etf.MAX_DEPTH) {
            throw new IllegalArgumentException("token data is nested deeper than "
                    + Etf.MAX_DEPTH + " levels; is there a cycle in it?");
        }
        if (term == null) {
            atom("nil");
        } else if (term instanceof Boolean bool) {
            atom(bool ? "true" : "false");
        } else if (term instanceof Atom atom) {
            atom(atom.name());
        } else if (term instanceof String string) {
            binary(utf8(string));
        } else if (term instanceof byte[] bytes) {
            binary(bytes);
        } else if (term instanceof Long || term instanceof Integer || term instanceof Short
                || term instanceof Byte) {
            integer(((Number) term).longValue());
        } else if (term instanceof BigInteger big) {
            bigInteger(big);
        } else if (term instanceof Double || term instanceof Float) {
            floating(((Number) term).doubleValue());
        } else {
            container(term, depth);
        }
    }

    private void container(Object term, int depth) {
        if (term instanceof Tuple tuple) {
            tuple(tuple, depth);
        } else if (term instanceof Map<?, ?> map) {
            map(map, depth);
        } else if (term instanceof Collection<?> list) {
            list(list, depth);
        } else {
            throw new IllegalArgumentException("cannot put a " + term.getClass().getName()
                    + " in a token: use null, Boolean, Integer, Long, BigInteger, Double,"
                    + " String, byte[], Map or List (nested as deep as needed)");
        }
    }

    private void atom(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("atom longer than 255 bytes: " + name);
        }
        out.write(Etf.SMALL_ATOM_UTF8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private void binary(byte[] bytes) {
        out.write(Etf.BINARY);
        writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    private void integer(long value) {
        if (value >= 0 && value <= 255) {
            out.write(Etf.SMALL_INTEGER);
            out.write((int) value);
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            out.write(Etf.INTEGER);
            writeInt((int) value);
        } else {
            bigInteger(BigInteger.valueOf(value));
        }
    }

    private void bigInteger(BigInteger value) {
        if (value.bitLength() < 32) {
            integer(value.longValue());
            return;
        }
        byte[] bigEndian = value.abs().toByteArray();
        int start = bigEndian[0] == 0 ? 1 : 0;
        int length = bigEndian.length - start;
        if (length <= 255) {
            out.write(Etf.SMALL_BIG);
            out.write(length);
        } else {
            out.write(Etf.LARGE_BIG);
            writeInt(length);
        }
        out.write(value.signum() < 0 ? 1 : 0);
        for (int i = bigEndian.length - 1; i >= start; i--) {
            out.write(bigEndian[i]);
        }
    }

    private void floating(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Erlang has no float " + value
                    + "; put only finite numbers in a token");
        }
        out.write(Etf.NEW_FLOAT);
        long bits = Double.doubleToRawLongBits(value);
        writeInt((int) (bits >>> 32));
        writeInt((int) bits);
    }

    private void tuple(Tuple tuple, int depth) {
        if (tuple.arity() <= 255) {
            out.write(Etf.SMALL_TUPLE);
            out.write(tuple.arity());
        } else {
            out.write(Etf.LARGE_TUPLE);
            writeInt(tuple.arity());
        }
        for (Object element : tuple.elements()) {
            term(element, depth + 1);
        }
    }

    private void map(Map<?, ?> map, int depth) {
        out.write(Etf.MAP);
        writeInt(map.size());
        for (Map.Entry<?, ?> entry : entriesInErlangOrder(map)) {
            term(entry.getKey(), depth + 1);
            term(entry.getValue(), depth + 1);
        }
    }

    private static List<Map.Entry<?, ?>> entriesInErlangOrder(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        boolean allStrings = entries.stream().allMatch(e -> e.getKey() instanceof String);
        if (allStrings && entries.size() <= ERLANG_SORTED_MAP_LIMIT) {
            entries.sort((a, b) -> Arrays.compareUnsigned(
                    utf8((String) a.getKey()), utf8((String) b.getKey())));
        }
        return entries;
    }

    private void list(Collection<?> list, int depth) {
        if (list.isEmpty()) {
            out.write(Etf.NIL);
            return;
        }
        if (isByteString(list)) {
            out.write(Etf.STRING);
            out.write(list.size() >>> 8);
            out.write(list.size());
            list.forEach(b -> out.write(((Number) b).intValue()));
            return;
        }
        out.write(Etf.LIST);
        writeInt(list.size());
        for (Object element : list) {
            term(element, depth + 1);
        }
        out.write(Etf.NIL);
    }

    private static boolean isByteString(Collection<?> list) {
        if (list.size() > 0xFFFF) {
            return false;
        }
        for (Object element : list) {
            boolean integral = element instanceof Long || element instanceof Integer
                    || element instanceof Short || element instanceof Byte;
            if (!integral) {
                return false;
            }
            long value = ((Number) element).longValue();
            if (value < 0 || value > 255) {
                return false;
            }
        }
        return true;
    }

    private void writeInt(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static byte[] utf8(String string) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .encode(CharBuffer.wrap(string));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a string in the token data is not valid"
                    + " Unicode (an unpaired surrogate?)", e);
        }
    }
}
