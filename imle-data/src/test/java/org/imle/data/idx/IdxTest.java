package org.imle.data.idx;

import org.imle.data.DataFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {

    @TempDir
    Path dir;

    /** An image file by hand: big-endian magic 0x00000803, count, rows, columns, pixels. */
    static byte[] images(int count, int rows, int columns, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(0x00000803).putInt(count)
                .putInt(rows).putInt(columns).put(pixels).array();
    }

    /** A label file by hand: big-endian magic 0x00000801, count, labels. */
    static byte[] labels(byte... labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(0x00000801).putInt(labels.length)
                .put(labels).array();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 37);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsImagesAndLabelsPlainOrGzip(boolean compressed) throws Exception {
        byte[] px = pixels(3 * 4 * 5);
        byte[] img = images(3, 4, 5, px);
        byte[] lab = labels((byte) 0, (byte) 9, (byte) 255);
        Path fi = dir.resolve("images" + (compressed ? ".gz" : ""));
        Path fl = dir.resolve("labels"); // no extension: detection is by magic bytes
        Files.write(fi, compressed ? gzip(img) : img);
        Files.write(fl, compressed ? gzip(lab) : lab);
        IdxImages im = Idx.readImages(fi);
        assertEquals(3, im.count());
        assertEquals(4, im.rows());
        assertEquals(5, im.columns());
        assertArrayEquals(px, im.pixels());
        assertEquals(px[(2 * 4 + 3) * 5 + 1] & 0xFF, im.pixel(2, 3, 1));
        float[] scaled = new float[21];
        im.copyScaled(1, scaled, 1);
        assertEquals((px[20] & 0xFF) / 255f, scaled[1]);
        assertArrayEquals(new int[] {0, 9, 255}, Idx.readLabels(fl));
    }

    @Test
    void readsEmptyFiles() throws Exception {
        assertEquals(0, Idx.readImages(images(0, 28, 28, new byte[0]), "e").count());
        assertEquals(0, Idx.readLabels(gzip(labels()), "e").length);
    }

    private static void assertRejected(byte[] content, boolean asImages, String fragment) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> {
            if (asImages) {
                Idx.readImages(content, "f.idx");
            } else {
                Idx.readLabels(content, "f.idx");
            }
        });
        assertTrue(e.getMessage().startsWith("f.idx: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void rejectsWrongMagicNumbers() {
        assertRejected(labels((byte) 1), true,
                "wrong magic number 0x00000801, expected 0x00000803 (IDX images");
        assertRejected(labels((byte) 1), true, "this is a label file");
        assertRejected(gzip(images(1, 1, 1, new byte[1])), false, "this is an image file");
        byte[] signedBytes = images(1, 1, 1, new byte[1]);
        signedBytes[2] = 0x09;
        assertRejected(signedBytes, true, "wrong magic number 0x00000903");
        assertRejected("P5\n28 28\n255\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                true, "wrong magic number");
    }

    @Test
    void rejectsTruncatedFilesPlainAndGzip() {
        byte[] img = images(2, 3, 3, pixels(18));
        assertRejected(Arrays.copyOf(img, 2), true, "ends inside the magic number");
        assertRejected(Arrays.copyOf(img, 10), true, "ends inside the header (10 of 16");
        assertRejected(Arrays.copyOf(img, 30), true, "truncated: the header declares 2 x 3 x 3");
        byte[] gz = gzip(img);
        assertRejected(Arrays.copyOf(gz, gz.length - 12), true, "truncated");
        assertRejected(Arrays.copyOf(gz, 5), true, "gzip");
        // a gzip stream that is complete and valid but holds fewer pixels than declared
        assertRejected(gzip(Arrays.copyOf(img, 30)), true, "file ends after 14");
    }

    @Test
    void rejectsDataBeyondTheDeclaredSize() {
        assertRejected(Arrays.copyOf(labels((byte) 1, (byte) 2), 13), false,
                "declares 2 = 2 bytes of data, but the file has 5");
        assertRejected(gzip(Arrays.copyOf(labels((byte) 1), 12)), false, "unexpected data");
    }

    @Test
    void rejectsAbsurdDeclaredSizesBeforeAllocating() {
        byte[] huge = ByteBuffer.allocate(16).putInt(0x803).putInt(60000).putInt(28000)
                .putInt(28).array();
        assertRejected(huge, true, "more than");
        byte[] negative = ByteBuffer.allocate(16).putInt(0x803).putInt(-1).putInt(1).putInt(1)
                .array();
        assertRejected(negative, true, "dimension 0 is 4294967295");
        // a small gzip file cannot expand to 1.5 GB: rejected without allocating
        byte[] big = ByteBuffer.allocate(16).putInt(0x803).putInt(60000).putInt(5000).putInt(5000)
                .array();
        assertRejected(gzip(Arrays.copyOf(big, 16)), true, "more than");
        byte[] gz = ByteBuffer.allocate(16).putInt(0x803).putInt(1_000_000).putInt(28).putInt(28)
                .array();
        assertRejected(gzip(gz), true, "more than a gzip file");
    }

    @Test
    void rejectsCorruptGzipData() {
        byte[] gz = gzip(images(4, 8, 8, pixels(256)));
        byte[] crc = gz.clone();
        crc[crc.length - 6] ^= 0x55; // the CRC-32 in the trailer
        assertRejected(crc, true, "corrupt or truncated gzip data");
        byte[] method = gz.clone();
        method[2] = 7; // compression method other than deflate
        assertRejected(method, true, "gzip");
    }

    @Test
    void namesThePathOfAFileOnDisk() throws Exception {
        Path f = dir.resolve("train-images-idx3-ubyte");
        Files.write(f, Arrays.copyOf(images(2, 2, 2, pixels(8)), 20));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(f));
        assertEquals(f.toString(), e.file());
        assertTrue(e.getMessage().startsWith(f + ": at byte 20: truncated"), e.getMessage());
    }
}
