package org.imle.train.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.imle.train.nn.StateFile;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of {@link StateFile}, the format of checkpoints and saved models: every prefix of
 * a valid file, thousands of bit flips, random bytes, wrong magic and version, and structural
 * mutations (huge counts, ranks and shapes, overlong names) with a valid checksum so that they
 * reach the parser. Each case must either parse or give an {@link IOException} whose message
 * starts with the file's name; nothing else (no other exception, no out-of-memory, no hang).
 */
class StateFileFuzzTest {

    private static final String SOURCE = "fuzz/epoch-3.ckpt";

    @TempDir
    Path dir;

    private static byte[] valid() {
        Map<String, Long> longs = new LinkedHashMap<>();
        longs.put("trainer.epochs_done", 3L);
        longs.put("trainer.step", 120L);
        longs.put("metric.0.train_loss", Double.doubleToRawLongBits(0.25));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("model.0.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("model.0.bias", Tensor.of(new float[] {0.5f, -0.5f}, 2));
        tensors.put("optim.steps", Tensor.of(new float[] {7}, 1));
        return new StateFile(longs, tensors).toBytes();
    }

    /** Parses and accepts only success or an IOException naming the source. */
    private static boolean parseOrNamedError(byte[] bytes, String label) {
        try {
            StateFile.parse(bytes, SOURCE);
            return true;
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), label + ": " + e.getMessage());
            return false;
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(label + ": " + e, e);
            return false;
        }
    }

    private static void withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        ByteBuffer.wrap(b, b.length - 8, 8).putLong(crc.getValue());
    }

    @Test
    void theValidFileRoundTrips() throws IOException {
        StateFile f = StateFile.parse(valid(), SOURCE);
        assertEquals(120L, f.longs().get("trainer.step"));
        assertEquals(6, f.tensors().get("model.0.weight").size());
    }

    @Test
    void everyTruncationIsReportedAsTruncatedOrCorrupt() {
        byte[] v = valid();
        for (int len = 0; len < v.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(v, len);
            String label = "prefix of " + len + " bytes";
            assertTrue(!parseOrNamedError(cut, label), label + " parsed");
            IOException e = assertThrows(IOException.class, () -> StateFile.parse(cut, SOURCE));
            String m = e.getMessage();
            assertTrue(m.contains("truncated") || m.contains("checksum") || m.contains("magic"), label + ": " + m);
        }
    }

    @Test
    void everySingleBitFlipIsCaught() {
        byte[] v = valid();
        int cases = 0;
        for (int pos = 0; pos < v.length; pos++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = v.clone();
                b[pos] ^= (byte) (1 << bit);
                IOException e = assertThrows(IOException.class, () -> StateFile.parse(b, SOURCE),
                        "bit " + bit + " of byte " + pos);
                String m = e.getMessage();
                assertTrue(m.startsWith(SOURCE) && (m.contains("checksum") || m.contains("magic")), m);
                cases++;
            }
        }
        assertTrue(cases > 1500, "cases: " + cases);
    }

    @Test
    void randomMultiByteCorruptionIsCaughtByTheChecksum() {
        SplittableRandom r = new SplittableRandom(101);
        byte[] v = valid();
        for (int c = 0; c < 3000; c++) {
            byte[] b = v.clone();
            int flips = 1 + r.nextInt(8);
            for (int i = 0; i < flips; i++) {
                b[8 + r.nextInt(b.length - 8)] = (byte) r.nextInt(256);
            }
            if (java.util.Arrays.equals(b, v)) {
                continue;
            }
            IOException e = assertThrows(IOException.class, () -> StateFile.parse(b, SOURCE));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void randomBytesNeverParse() {
        SplittableRandom r = new SplittableRandom(102);
        for (int c = 0; c < 3000; c++) {
            byte[] b = new byte[r.nextInt(0, 600)];
            r.nextBytes(b);
            if (c % 2 == 0 && b.length >= 20) {
                // with the right magic and a valid checksum the bytes reach the parser
                System.arraycopy("IMLESTAT".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 0, 8);
                withCrc(b);
            }
            parseOrNamedError(b, "random case " + c);
        }
    }

    @Test
    void structuralMutationsWithAValidChecksumGiveNamedErrors() {
        SplittableRandom r = new SplittableRandom(103);
        byte[] v = valid();
        int[] interesting = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 16, 17};
        int refused = 0;
        for (int c = 0; c < 4000; c++) {
            byte[] b = v.clone();
            int pos = 8 + r.nextInt(b.length - 8 - 8 - 3);
            if (r.nextBoolean()) {
                ByteBuffer.wrap(b, pos, 4).putInt(interesting[r.nextInt(interesting.length)]);
            } else {
                b[pos] = (byte) r.nextInt(256);
            }
            withCrc(b);
            if (!parseOrNamedError(b, "mutation " + c + " at " + pos)) {
                refused++;
            }
        }
        assertTrue(refused > 1000, "most mutations break the structure: " + refused);
    }

    /** Hand-built headers declaring sizes far beyond the file: each must fail fast, naming the file. */
    @Test
    void hugeDeclaredSizesFailWithoutAllocating() throws IOException {
        assertRefused(header(1, Integer.MAX_VALUE, 0, null), "truncated");
        assertRefused(header(1, -5, 0, null), "invalid long count");
        assertRefused(header(1, 0, Integer.MAX_VALUE, null), "truncated");
        assertRefused(header(1, 0, -1, null), "invalid tensor count");
        assertRefused(header(1, 0, 1, new int[] {1 << 30, 1 << 30}), "");
        assertRefused(header(1, 0, 1, new int[] {65536, 65536}), "elements");
        assertRefused(header(1, 0, 1, new int[] {40000, 40000}), "truncated");
        assertRefused(header(1, 0, 1, new int[] {-3, 4}), "");
        assertRefused(header(1, 0, 1, new int[17]), "rank");
        assertRefused(header(2, 0, 0, null), "version 2");
        byte[] magic = valid();
        magic[0] = 'X';
        assertRefused(magic, "magic");
    }

    private static void assertRefused(byte[] b, String mentions) {
        IOException e = assertThrows(IOException.class, () -> StateFile.parse(b, SOURCE));
        assertTrue(e.getMessage().startsWith(SOURCE + ": ") && e.getMessage().contains(mentions), e.getMessage());
    }

    /** A file with the given version, counts and (if not null) one tensor header with that shape. */
    private static byte[] header(int version, int longs, int tensors, int[] shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("IMLESTAT");
        out.writeInt(version);
        out.writeInt(longs);
        out.writeInt(tensors);
        if (shape != null) {
            out.writeUTF("w");
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            out.writeFloat(1f);
        }
        out.writeLong(0);
        byte[] b = bytes.toByteArray();
        withCrc(b);
        return b;
    }

    @Test
    void aCorruptCheckpointOnDiskIsNamedWhenRead() throws IOException {
        Path ck = dir.resolve("model.ckpt");
        Files.write(ck, valid());
        byte[] b = Files.readAllBytes(ck);
        b[b.length / 2] ^= 0x10;
        Files.write(ck, b);
        IOException e = assertThrows(IOException.class, () -> StateFile.read(ck));
        assertTrue(e.getMessage().contains(ck.toString()) && e.getMessage().contains("checksum"), e.getMessage());
    }
}
