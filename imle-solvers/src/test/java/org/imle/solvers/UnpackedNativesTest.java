package org.imle.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedNativesTest {

    private static final String JNI = System.mapLibraryName("jniortools");

    @TempDir
    Path root;

    private static URL platformFolder() {
        URL url = Loader.class.getClassLoader().getResource("ortools-" + Platform.RESOURCE_PREFIX + "/");
        assumeTrue(url != null, "no OR-Tools natives for " + Platform.RESOURCE_PREFIX + " on the class path");
        return url;
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void unpacksEveryFileOnceAndReusesTheFolder() throws IOException {
        URL folder = platformFolder();
        Path first = UnpackedNatives.unpack(folder, root);
        assertEquals(root, first.getParent());
        assertTrue(first.getFileName().toString().startsWith("ortools-" + Platform.RESOURCE_PREFIX + "-"), first.toString());
        assertEquals(List.of(first.getFileName().toString()), children(root), "one folder, no partial copies");
        Path jni = first.resolve(JNI);
        try (InputStream original = new URL(folder, JNI).openStream()) {
            assertArrayEquals(original.readAllBytes(), Files.readAllBytes(jni), "the unpacked library has the jar's bytes");
        }
        FileTime written = Files.getLastModifiedTime(first.resolve(UnpackedNatives.COMPLETE));
        FileTime jniWritten = Files.getLastModifiedTime(jni);

        Path second = UnpackedNatives.unpack(folder, root);
        assertEquals(first, second);
        assertEquals(written, Files.getLastModifiedTime(second.resolve(UnpackedNatives.COMPLETE)), "not unpacked again");
        assertEquals(jniWritten, Files.getLastModifiedTime(second.resolve(JNI)));
        assertEquals(List.of(first.getFileName().toString()), children(root));
    }

    @Test
    void processesUnpackingAtOnceGetOneCompleteFolder() throws Exception {
        URL folder = platformFolder();
        int racers = 3;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Path> unpack = () -> {
                    start.await();
                    return UnpackedNatives.unpack(folder, root);
                };
                results.add(pool.submit(unpack));
            }
            start.countDown();
            Path winner = results.get(0).get(2, TimeUnit.MINUTES);
            for (Future<Path> r : results) {
                assertEquals(winner, r.get(2, TimeUnit.MINUTES));
            }
            assertTrue(Files.isRegularFile(winner.resolve(UnpackedNatives.COMPLETE)));
            assertTrue(Files.size(winner.resolve(JNI)) > 0);
            assertEquals(List.of(winner.getFileName().toString()), children(root), "the losers removed their copies");
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
    }

    @Test
    void partialFoldersOfKilledProcessesGoAfterAnHour() throws IOException {
        Path stale = Files.createDirectories(root.resolve("ortools-x.partial-123"));
        Files.writeString(stale.resolve("half.so"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.createDirectories(root.resolve("ortools-x.partial-456"));
        Path unpacked = UnpackedNatives.unpack(platformFolder(), root);
        assertFalse(Files.exists(stale), "a partial folder untouched for two hours is removed");
        assertTrue(Files.exists(fresh), "one of a process that may still be unpacking stays");
        assertTrue(Files.isRegularFile(unpacked.resolve(JNI)));
    }

    @Test
    void aFolderWithoutItsCompletionMarkIsNamedAndLeftAlone() throws IOException {
        URL folder = platformFolder();
        Path target = UnpackedNatives.unpack(folder, root);
        Files.delete(target.resolve(UnpackedNatives.COMPLETE));
        IOException e = assertThrows(IOException.class, () -> UnpackedNatives.unpack(folder, root));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("not complete"), e.getMessage());
        assertTrue(Files.isRegularFile(target.resolve(JNI)), "nothing of it was deleted");
        assertEquals(List.of(target.getFileName().toString()), children(root), "no partial copy left");
    }

    @Test
    void nativesOutsideAJarAreRefusedByName() throws IOException {
        Path dir = Files.createDirectories(root.resolve("plain"));
        URL url = dir.toUri().toURL();
        IOException e = assertThrows(IOException.class, () -> UnpackedNatives.unpack(url, root.resolve("cache")));
        assertTrue(e.getMessage().contains(url.toString()) && e.getMessage().contains("not in a jar"), e.getMessage());
        assertFalse(Files.exists(root.resolve("cache")));
    }

    @Test
    void theCacheRootFollowsThePropertyThenXdgThenHome() {
        String before = System.getProperty("imle.nativeCache");
        try {
            System.setProperty("imle.nativeCache", root.toString());
            assertEquals(root, UnpackedNatives.defaultRoot());
            System.clearProperty("imle.nativeCache");
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path expected = xdg != null && !xdg.isBlank() ? Path.of(xdg, "imle", "natives")
                    : Path.of(System.getProperty("user.home"), ".cache", "imle", "natives");
            assertEquals(expected, UnpackedNatives.defaultRoot());
        } finally {
            if (before == null) {
                System.clearProperty("imle.nativeCache");
            } else {
                System.setProperty("imle.nativeCache", before);
            }
        }
    }

    /**
     * In this JVM the library is mapped from the cache folder, once, and OR-Tools' own loader
     * called afterwards maps no second copy.
     */
    @Test
    void theJvmMapsTheCachedLibraryOnceAndSolves() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs /proc/self/maps (Linux)");
        OrToolsNatives.load();
        Path folder = OrToolsNatives.cachedFolder();
        assertNotNull(folder, "loaded from the cache");
        Loader.loadNativeLibraries();
        List<String> mapped = jniMappings(maps);
        assertFalse(mapped.isEmpty());
        for (String line : mapped) {
            assertTrue(line.contains(folder.resolve(JNI).toString()), line);
        }

        CpModel model = new CpModel();
        var x = model.newIntVar(0, 10, "x");
        model.addLessOrEqual(x, 7);
        model.maximize(x);
        CpSolver solver = new CpSolver();
        assertEquals(CpSolverStatus.OPTIMAL, solver.solve(model));
        assertEquals(7, solver.value(x));
    }

    private static List<String> jniMappings(Path maps) throws IOException {
        List<String> lines = Files.readAllLines(maps);
        List<String> jni = new ArrayList<>();
        String path = null;
        for (String line : lines) {
            if (line.endsWith("/" + JNI)) {
                String file = line.substring(line.indexOf('/'));
                if (path == null) {
                    path = file;
                }
                assertEquals(path, file, "one copy of " + JNI + " is mapped");
                jni.add(line);
            }
        }
        return jni;
    }
}
