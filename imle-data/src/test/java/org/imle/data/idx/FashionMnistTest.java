package org.imle.data.idx;

import org.imle.data.DataFormatException;
import org.imle.data.MissingDatasetException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    private void writeSet(String imagesName, String labelsName, int count, byte[] labels)
            throws Exception {
        Files.write(dir.resolve(imagesName), IdxTest.gzip(IdxTest.images(count, 28, 28,
                IdxTest.pixels(count * 784))));
        Files.write(dir.resolve(labelsName), IdxTest.labels(labels));
    }

    @Test
    void missingDirectorySaysInOneLineHowToInstall() {
        Path nowhere = dir.resolve("nowhere");
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> FashionMnist.load(nowhere));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains(nowhere.toString()), m);
        assertTrue(m.contains("train-images-idx3-ubyte(.gz)"), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("--data DIR"), m);
    }

    @Test
    void loadsGzipAndPlainFilesFromADirectory() throws Exception {
        writeSet("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte", 3,
                new byte[] {0, 5, 9});
        writeSet("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 2, new byte[] {1, 2});
        FashionMnist data = FashionMnist.load(dir);
        assertEquals(3, data.trainImages().count());
        assertEquals(28, data.trainImages().rows());
        assertEquals(9, data.trainLabels()[2]);
        assertEquals(2, data.testImages().count());
        assertEquals(2, data.testLabels()[1]);
    }

    @Test
    void rejectsInconsistentFilesNamingThem() throws Exception {
        writeSet("train-images-idx3-ubyte", "train-labels-idx1-ubyte", 3, new byte[] {0, 5});
        writeSet("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 1, new byte[] {1});
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte: has 2 labels but"
                + " train-images-idx3-ubyte has 3 images"), e.getMessage());
        writeSet("train-images-idx3-ubyte", "train-labels-idx1-ubyte", 2, new byte[] {0, 10});
        e = assertThrows(DataFormatException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("label 1 is 10, expected 0..9"), e.getMessage());
    }

    @Test
    void readsTheRealFilesOfTheDebianPackage() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
                "dataset-fashion-mnist is not installed");
        FashionMnist data = FashionMnist.load();
        assertEquals(60_000, data.trainImages().count());
        assertEquals(10_000, data.testImages().count());
        assertEquals(28, data.trainImages().rows());
        assertEquals(28, data.trainImages().columns());
        int[] perClass = new int[10];
        for (int l : data.trainLabels()) {
            perClass[l]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, perClass[c], FashionMnist.CLASS_NAMES.get(c));
        }
        // the first training image is an ankle boot (label 9) in the published data set
        assertEquals(9, data.trainLabels()[0]);
    }
}
