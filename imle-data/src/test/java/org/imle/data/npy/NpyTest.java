package org.imle.data.npy;

import org.imle.data.DataFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class NpyTest {

    @TempDir
    Path dir;

    /** Builds a .npy file by hand: magic, version, little-endian header length, header, data. */
    static byte[] handMade(int major, String header, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + header.length() + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }

    /** A header dict padded with spaces and a newline so that prefix + header is 64-aligned. */
    static String padded(int major, String dict) {
        int prefix = major == 1 ? 10 : 12;
        int pad = 64 - (prefix + dict.length() + 1) % 64;
        return dict + " ".repeat(pad) + "\n";
    }

    static byte[] littleEndianFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static NpyArray sample(NpyDtype dtype, SplittableRandom rnd, int... shape) {
        int n = (int) NpyArray.elementCount(shape);
        switch (dtype) {
            case BOOL: {
                byte[] d = new byte[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (byte) rnd.nextInt(2);
                }
                return NpyArray.ofBool(d, shape);
            }
            case UINT8: {
                byte[] d = new byte[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (byte) rnd.nextInt(256);
                }
                return NpyArray.ofUint8(d, shape);
            }
            case INT32:
                return NpyArray.ofInt32(rnd.ints(n).toArray(), shape);
            case INT64:
                return NpyArray.ofInt64(rnd.longs(n).toArray(), shape);
            case FLOAT16: {
                short[] d = new short[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (short) rnd.nextInt(1 << 16);
                }
                return NpyArray.ofFloat16Bits(d, shape);
            }
            case FLOAT32: {
                float[] d = new float[n];
                for (int i = 0; i < n; i++) {
                    d[i] = Float.intBitsToFloat(rnd.nextInt());
                }
                return NpyArray.ofFloat32(d, shape);
            }
            default: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = Double.longBitsToDouble(rnd.nextLong());
                }
                return NpyArray.ofFloat64(d, shape);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NpyDtype.class)
    void roundTripsEveryDtypeAndShapeThroughAFile(NpyDtype dtype) throws Exception {
        SplittableRandom rnd = new SplittableRandom(dtype.ordinal());
        int[][] shapes = {{}, {0}, {1}, {7}, {3, 4}, {2, 0, 5}, {2, 3, 4, 3}, {300_000}};
        for (int[] shape : shapes) {
            NpyArray a = sample(dtype, rnd, shape);
            Path f = dir.resolve(dtype + "-" + shape.length + ".npy");
            Npy.write(f, a);
            long size = Files.size(f);
            assertEquals(a.size() * (long) dtype.itemSize(), size - Npy.readHeader(f).dataOffset());
            assertEquals(0, Npy.readHeader(f).dataOffset() % 64, "data starts 64-aligned");
            NpyArray back = Npy.read(f);
            assertEquals(a, back, dtype + " " + Arrays.toString(shape));
            assertArrayEquals(shape, back.shape());
        }
    }

    @Test
    void writesTheBytesNumpySaveWrites() {
        // np.save of np.arange(6, dtype='<f4').reshape(2, 3) with NumPy >= 1.24: the dict, 20
        // spaces of room for the first axis, 38 padding spaces and a newline: 128 bytes, so the
        // 2-byte header length field holds 118 = 'v'.
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
                + " ".repeat(20 + 38) + "\n";
        byte[] data = littleEndianFloats(0, 1, 2, 3, 4, 5);
        byte[] expected = handMade(1, header, data);
        assertEquals(128 + 24, expected.length);
        assertEquals('v', expected[8]);
        byte[] written = Npy.toBytes(NpyArray.ofFloat32(new float[] {0, 1, 2, 3, 4, 5}, 2, 3));
        assertArrayEquals(expected, written);
    }

    @Test
    void readsAVersion1HeaderWrittenByHand() throws Exception {
        String header = padded(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
        byte[] file = handMade(1, header, littleEndianFloats(1.5f, -2, 3, 4, 5, 6.25f));
        NpyArray a = Npy.read(file, "v1.npy");
        assertEquals(NpyDtype.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {1.5f, -2, 3, 4, 5, 6.25f}, a.floats());
    }

    @Test
    void readsAVersion2HeaderWrittenByHand() throws Exception {
        String header = padded(2, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2, 3), }");
        byte[] data = new byte[12];
        for (int i = 0; i < 12; i++) {
            data[i] = (byte) (250 + i);
        }
        NpyArray a = Npy.read(handMade(2, header, data), "v2.npy");
        assertEquals(NpyDtype.UINT8, a.dtype());
        assertArrayEquals(new int[] {2, 2, 3}, a.shape());
        assertEquals(250, a.getDouble(0));
        assertEquals((261 & 0xFF), a.getDouble(11));
        Path f = dir.resolve("v2.npy");
        Files.write(f, handMade(2, header, data));
        assertEquals(2, Npy.readHeader(f).majorVersion());
        assertEquals(128, Npy.readHeader(f).dataOffset());
    }

    @Test
    void readsAVersion3Utf8HeaderAndOldStyleHeaders() throws Exception {
        NpyArray v3 = Npy.read(handMade(3,
                padded(3, "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}"),
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.5)
                        .putDouble(-7).array()), "v3.npy");
        assertArrayEquals(new double[] {0.5, -7}, v3.doubles());
        // NumPy before 1.9 aligned to 16 bytes and Python 2 wrote long literals like 3L
        String old = "{'descr': '|b1', 'fortran_order': False, 'shape': (3L,), }";
        old = old + " ".repeat(16 - (10 + old.length() + 1) % 16) + "\n";
        NpyArray b = Npy.read(handMade(1, old, new byte[] {1, 0, 1}), "old.npy");
        assertEquals(NpyDtype.BOOL, b.dtype());
        assertArrayEquals(new byte[] {1, 0, 1}, b.bytes());
        // a scalar: shape ()
        NpyArray s = Npy.read(handMade(1, padded(1,
                "{'descr': '<i8', 'fortran_order': False, 'shape': (), }"),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-42).array()), "s");
        assertEquals(0, s.rank());
        assertEquals(-42L, s.longs()[0]);
        // Fortran order is the same layout for rank 1
        NpyArray f = Npy.read(handMade(1, padded(1,
                "{'descr': '<u1', 'fortran_order': True, 'shape': (2,), }"), new byte[] {9, 8}),
                "f");
        assertArrayEquals(new byte[] {9, 8}, f.bytes());
    }

    @Test
    void float16ConvertsExactlyBothWays() {
        for (int h = 0; h < 1 << 16; h++) {
            float f = HalfFloat.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(f))));
            } else {
                if (HalfFloat.fromFloat(f) != (short) h) {
                    assertEquals((short) h, HalfFloat.fromFloat(f), "half bits " + h);
                }
            }
        }
        assertEquals(0x3C00, HalfFloat.fromFloat(1f));
        assertEquals(0x7BFF, HalfFloat.fromFloat(65504f));
        assertEquals((short) 0x7C00, HalfFloat.fromFloat(65520f), "rounds up to infinity");
        assertEquals(0x0001, HalfFloat.fromFloat(0x1p-24f));
        assertEquals(0x0000, HalfFloat.fromFloat(0x1p-25f), "tie rounds to even zero");
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            float f = (float) ((rnd.nextDouble() * 2 - 1) * Math.pow(2, rnd.nextInt(-26, 16)));
            short h = HalfFloat.fromFloat(f);
            double err = Math.abs((double) HalfFloat.toFloat(h) - f);
            for (int d = -1; d <= 1; d += 2) {
                float neighbour = HalfFloat.toFloat((short) (h + d));
                if (!Float.isNaN(neighbour) && Math.signum(neighbour) * Math.signum(f) >= 0) {
                    assertTrue(err <= Math.abs((double) neighbour - f), () -> "nearest half to " + f);
                }
            }
        }
    }

    @Test
    void convertsAnyDtypeToFloats() {
        assertArrayEquals(new float[] {255, 1}, NpyArray.ofUint8(new byte[] {-1, 1}, 2)
                .toFloatArray());
        assertArrayEquals(new float[] {1.5f, -2}, NpyArray.ofFloat16(new float[] {1.5f, -2}, 2)
                .toFloatArray());
        assertArrayEquals(new double[] {-3, 4}, NpyArray.ofInt64(new long[] {-3, 4}, 2)
                .toDoubleArray());
        assertThrows(IllegalStateException.class, () -> NpyArray.ofInt32(new int[] {1}, 1)
                .floats());
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloat32(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofBool(new byte[] {2}, 1));
    }

    static Stream<Arguments> malformed() {
        byte[] f4 = littleEndianFloats(1, 2, 3, 4, 5, 6);
        String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        byte[] valid = handMade(1, padded(1, ok), f4);
        return Stream.of(
                Arguments.of("empty file", new byte[0], "truncated"),
                Arguments.of("wrong magic", Arrays.copyOf("PK\3\4 not numpy".getBytes(
                        StandardCharsets.ISO_8859_1), 20), "magic string"),
                Arguments.of("version 4.0", handMade(4, padded(2, ok), f4), "version 4.0"),
                Arguments.of("version 1.1", patch(valid, 7, 1), "version 1.1"),
                Arguments.of("fortran order", handMade(1, padded(1,
                        ok.replace("False", "True")), f4), "fortran_order True"),
                Arguments.of("big-endian", handMade(1, padded(1,
                        ok.replace("<f4", ">f4")), f4), "big-endian dtype '>f4'"),
                Arguments.of("complex dtype", handMade(1, padded(1,
                        ok.replace("<f4", "<c8")), f4), "unsupported dtype '<c8'"),
                Arguments.of("structured dtype", handMade(1, padded(1,
                        ok.replace("'<f4'", "[('a', '<f4')]")), f4), "structured dtypes"),
                Arguments.of("negative axis", handMade(1, padded(1,
                        ok.replace("(2, 3)", "(2, -3)")), f4), "non-negative integer"),
                Arguments.of("axis overflow", handMade(1, padded(1,
                        ok.replace("(2, 3)", "(2, 99999999999999999999)")), f4), "larger than"),
                Arguments.of("product too large", handMade(1, padded(1,
                        ok.replace("(2, 3)", "(65536, 65536)")), f4), "more elements"),
                Arguments.of("missing key", handMade(1, padded(1,
                        "{'descr': '<f4', 'shape': (2, 3), }"), f4), "lacks 'fortran_order'"),
                Arguments.of("extra key", handMade(1, padded(1,
                        ok.replace("}", "'x': 1, }")), f4), "unexpected key 'x'"),
                Arguments.of("duplicate key", handMade(1, padded(1,
                        ok.replace("}", "'shape': (6,), }")), f4), "duplicate key 'shape'"),
                Arguments.of("unterminated dict", handMade(1, padded(1, ok.replace("}", "")), f4),
                        "expected"),
                Arguments.of("garbage after dict", handMade(1, padded(1, ok + " x"), f4),
                        "after the header dict"),
                Arguments.of("truncated data", Arrays.copyOf(valid, valid.length - 3),
                        "truncated"),
                Arguments.of("shape larger than data", handMade(1, padded(1,
                        ok.replace("(2, 3)", "(20, 30)")), f4), "truncated"),
                Arguments.of("trailing bytes", Arrays.copyOf(valid, valid.length + 5),
                        "5 unexpected bytes"),
                Arguments.of("header length beyond file", patch(patch(valid, 8, 0xFF), 9, 0x7F),
                        "header length field"),
                Arguments.of("huge v2 header length", handMadeV2Length(0xFFFFFFF0L),
                        "header length field"),
                Arguments.of("bool not 0 or 1", handMade(1, padded(1,
                        ok.replace("<f4", "|b1").replace("(2, 3)", "(2,)")), new byte[] {1, 7}),
                        "bool element 1 is 7"),
                Arguments.of("bad utf-8 in v3", handMade(3, padded(3, ok), f4).clone(), null));
    }

    private static byte[] patch(byte[] bytes, int at, int value) {
        byte[] b = bytes.clone();
        b[at] = (byte) value;
        return b;
    }

    private static byte[] handMadeV2Length(long length) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt((int) length);
        return b.array();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedFilesNamingTheFile(String what, byte[] content, String fragment)
            throws Exception {
        if (fragment == null) {
            // a v3 header whose bytes are not UTF-8
            byte[] bad = content.clone();
            bad[20] = (byte) 0xC3;
            bad[21] = (byte) 0x28;
            content = bad;
            fragment = "not valid UTF-8";
        }
        Path f = dir.resolve("bad-" + what.replace(' ', '_') + ".npy");
        Files.write(f, content);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(f.toString(), e.file());
        byte[] inMemory = content;
        DataFormatException m = assertThrows(DataFormatException.class,
                () -> Npy.read(inMemory, "mem.npy"));
        assertEquals(e.getMessage().substring(f.toString().length()),
                m.getMessage().substring("mem.npy".length()));
    }

    @Test
    void reportsTheByteOffsetOfTruncation() {
        byte[] valid = Npy.toBytes(NpyArray.ofFloat64(new double[10], 10));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Npy.read(Arrays.copyOf(valid, 150), "t.npy"));
        assertEquals(150, e.offset());
        assertTrue(e.getMessage().contains("80 bytes of data from byte 128"), e.getMessage());
    }

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path f = dir.resolve("a.npy");
        Npy.write(f, NpyArray.ofUint8(new byte[] {1, 2}, 2));
        Npy.write(f, NpyArray.ofUint8(new byte[] {3}, 1));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertArrayEquals(new byte[] {3}, Npy.read(f).bytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, NpyArray.ofUint8(new byte[] {3}, 1));
        assertArrayEquals(Files.readAllBytes(f), out.toByteArray());
        assertFalse(Files.exists(dir.resolve("missing.npy")));
    }
}
