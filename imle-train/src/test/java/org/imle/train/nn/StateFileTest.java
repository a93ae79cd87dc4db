package org.imle.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path dir;

    private static Module model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Conv2d(2, 3, 3, 1, 1, true, rng), new BatchNorm2d(3), new Dropout(0.2, 4),
                Layers.flatten(), new Linear(3 * 4 * 4, 2, rng));
    }

    @Test
    void savedParametersBuffersAndCountersLoadIntoAFreshModel() throws IOException {
        Module a = model(1);
        a.forward(Tensor.full(0.5f, 2, 2, 4, 4).add(Tensor.of(new float[] {0, 1}, 2, 1, 1, 1)));
        Path f = dir.resolve("model.bin");
        StateFile.save(a, f);
        Module b = model(2);
        StateFile.load(b, f);
        a.state().forEach((name, t) -> assertArrayEquals(t.data(), b.state().get(name).data(), name));
        assertEquals(1L, b.counters().get("2.calls")[0]);
        assertTrue(a.state().get("1.running_mean").data()[0] != 0f, "batch norm statistics were saved after a forward");
    }

    @Test
    void aFlippedByteIsDetectedByTheChecksum() throws IOException {
        Path f = dir.resolve("model.bin");
        StateFile.save(model(1), f);
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> StateFile.load(model(1), f));
        assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains("model.bin"), e.getMessage());
    }

    @Test
    void truncatedFilesAndWrongArchitecturesAreReported() throws IOException {
        Path f = dir.resolve("model.bin");
        StateFile.save(model(1), f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        assertThrows(IOException.class, () -> StateFile.load(model(1), f));
        Files.write(f, bytes);
        SplittableRandom rng = new SplittableRandom(1);
        Module other = new Sequential(new Conv2d(2, 5, 3, 1, 1, true, rng));
        IOException e = assertThrows(IOException.class, () -> StateFile.load(other, f));
        assertTrue(e.getMessage().contains("0.weight") || e.getMessage().contains("does not exist"), e.getMessage());
    }
}
