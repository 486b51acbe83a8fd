package dev.channels.core.internal.token;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One decoding run of {@link Etf#decode(byte[])}; not reusable, not thread-safe. Every count
 * read from the input is checked against the bytes that remain before it sizes anything.
 */
final class EtfReader {

    private final byte[] in;
    private int pos;

    private EtfReader(byte[] in, int pos) {
        this.in = in;
        this.pos = pos;
    }

    static Object read(byte[] bytes) throws EtfException {
        if (bytes == null || bytes.length < 2 || (bytes[0] & 0xFF) != Etf.VERSION) {
            throw new EtfException("not a term: the version byte 131 is missing");
        }
        EtfReader reader = (bytes[1] & 0xFF) == Etf.COMPRESSED
                ? new EtfReader(inflate(bytes), 0)
                : new EtfReader(bytes, 1);
        Object term = reader.term(0);
        if (reader.pos != reader.in.length) {
            throw new EtfException((reader.in.length - reader.pos)
                    + " bytes left after the term");
        }
        return term;
    }

    private static byte[] inflate(byte[] bytes) throws EtfException {
        EtfReader header = new EtfReader(bytes, 2);
        long size = header.u32();
        if (size > Etf.MAX_INFLATED_SIZE) {
            throw new EtfException("compressed term claims " + size + " bytes, more than the "
                    + Etf.MAX_INFLATED_SIZE + " accepted");
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, header.pos, bytes.length - header.pos);
            byte[] out = new byte[(int) size];
            int filled = 0;
            while (filled < out.length) {
                int n = inflater.inflate(out, filled, out.length - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput()
                        || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            if (filled != out.length || !inflater.finished() || inflater.getRemaining() != 0) {
                throw new EtfException("compressed term does not inflate to its stated size");
            }
            return out;
        } catch (DataFormatException e) {
            throw new EtfException("compressed term is not valid zlib data");
        } finally {
            inflater.end();
        }
    }

    private Object term(int depth) throws EtfException {
        if (depth > Etf.MAX_DEPTH) {
            throw new EtfException("term nested deeper than " + Etf.MAX_DEPTH + " levels");
        }
        int tag = u8();
        switch (tag) {
            case Etf.SMALL_INTEGER:
                return (long) u8();
            case Etf.INTEGER:
                return (long) (int) u32();
            case Etf.SMALL_BIG:
                return big(u8());
            case Etf.LARGE_BIG:
                return big(u32());
            case Etf.NEW_FLOAT:
                return floating();
            case Etf.BINARY:
                return binary(bytes(u32()));
            case Etf.ATOM:
            case Etf.SMALL_ATOM:
            case Etf.ATOM_UTF8:
            case Etf.SMALL_ATOM_UTF8:
                return atom(tag);
            default:
                return container(tag, depth);
        }
    }

    private Object container(int tag, int depth) throws EtfException {
        switch (tag) {
            case Etf.SMALL_TUPLE:
                return new Tuple(elements(u8(), depth));
            case Etf.LARGE_TUPLE:
                return new Tuple(elements(count(u32(), 1), depth));
            case Etf.MAP:
                return map(count(u32(), 2), depth);
            case Etf.NIL:
                return new ArrayList<>(0);
            case Etf.STRING:
                return byteString(u16());
            case Etf.LIST:
                return list(count(u32(), 1), depth);
            default:
                throw new EtfException("unsupported tag " + tag + " at byte " + (pos - 1));
        }
    }

    private Object big(long length) throws EtfException {
        int sign = u8();
        if (sign > 1) {
            throw new EtfException("bad big integer sign " + sign);
        }
        byte[] littleEndian = bytes(length);
        byte[] magnitude = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            magnitude[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger value = new BigInteger(1, magnitude);
        if (sign == 1) {
            value = value.negate();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private Object floating() throws EtfException {
        long bits = (u32() << 32) | u32();
        double value = Double.longBitsToDouble(bits);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new EtfException("not a finite float");
        }
        return value;
    }

    private static Object binary(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }

    private Object atom(int tag) throws EtfException {
        boolean small = tag == Etf.SMALL_ATOM || tag == Etf.SMALL_ATOM_UTF8;
        byte[] bytes = bytes(small ? u8() : u16());
        String name;
        if (tag == Etf.ATOM || tag == Etf.SMALL_ATOM) {
            name = new String(bytes, StandardCharsets.ISO_8859_1);
        } else {
            Object text = binary(bytes);
            if (!(text instanceof String)) {
                throw new EtfException("atom text is not valid UTF-8");
            }
            name = (String) text;
        }
        switch (name) {
            case "nil":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                return new Atom(name);
        }
    }

    private List<Object> elements(long count, int depth) throws EtfException {
        List<Object> elements = new ArrayList<>((int) count(count, 1));
        for (long i = 0; i < count; i++) {
            elements.add(term(depth + 1));
        }
        return elements;
    }

    private Map<Object, Object> map(long pairs, int depth) throws EtfException {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (long i = 0; i < pairs; i++) {
            Object key = term(depth + 1);
            Object value = term(depth + 1);
            if (map.containsKey(key)) {
                throw new EtfException("map has a duplicate key before byte " + pos);
            }
            map.put(key, value);
        }
        return map;
    }

    private List<Object> byteString(int length) throws EtfException {
        byte[] bytes = bytes(length);
        List<Object> list = new ArrayList<>(length);
        for (byte b : bytes) {
            list.add((long) (b & 0xFF));
        }
        return list;
    }

    private List<Object> list(long count, int depth) throws EtfException {
        List<Object> list = elements(count, depth);
        if (u8() != Etf.NIL) {
            throw new EtfException("improper list (its tail is not [])");
        }
        return list;
    }

    /** A count of elements that each take at least {@code minBytes} of the input. */
    private long count(long count, int minBytes) throws EtfException {
        if (count > (long) (in.length - pos) / minBytes) {
            throw new EtfException("count " + count + " at byte " + pos + " exceeds the "
                    + (in.length - pos) + " bytes that remain");
        }
        return count;
    }

    private byte[] bytes(long length) throws EtfException {
        if (length > in.length - pos) {
            throw new EtfException("length " + length + " at byte " + pos + " exceeds the "
                    + (in.length - pos) + " bytes that remain");
        }
        byte[] bytes = new byte[(int) length];
        System.arraycopy(in, pos, bytes, 0, bytes.length);
        pos += bytes.length;
        return bytes;
    }

    private int u8() throws EtfException {
        if (pos >= in.length) {
            throw new EtfException("term ends early at byte " + pos);
        }
        return in[pos++] & 0xFF;
    }

    private int u16() throws EtfException {
        return (u8() << 8) | u8();
    }

    private long u32() throws EtfException {
        return ((long) u16() << 16) | u16();
    }
}
