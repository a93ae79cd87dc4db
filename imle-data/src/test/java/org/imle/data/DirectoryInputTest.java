package org.imle.data;

import org.imle.data.idx.Idx;
import org.imle.data.npy.Npy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** A directory where a file is expected is bad input whose message names the path. */
class DirectoryInputTest {

    @TempDir
    Path dir;

    private void refused(Executable read) {
        BadFileException e = assertThrows(BadFileException.class, read);
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("is a directory"),
                e.getMessage());
    }

    @Test
    void everyFileReaderNamesADirectoryGivenAsItsFile() {
        refused(() -> Npy.read(dir));
        refused(() -> Idx.readImages(dir));
        refused(() -> Idx.readLabels(dir));
        refused(() -> TextLines.open(dir).close());
    }
}
