package org.imle.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that loaded the OR-Tools natives and is then killed with SIGKILL leaves nothing in its
 * temporary folder, and a second JVM reuses the first one's cache folder. OR-Tools' own loader
 * left 65 MB there at every such kill (it deletes its unpacked copy only at a normal exit).
 */
class KilledJvmNativesTest {

    private static final long TIMEOUT_SECONDS = 120;

    /** The child: loads the natives, says where from, and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            OrToolsNatives.load();
            System.out.println("loaded from " + OrToolsNatives.cachedFolder());
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        }
    }

    @Test
    void aKilledJvmLeavesNoUnpackedNativesBehind(@TempDir Path dir) throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "the cache is used on Linux and macOS");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        String first = startLoadAndKill(dir, tmp, cache);
        String second = startLoadAndKill(dir, tmp, cache);
        assertTrue(first.startsWith("loaded from " + cache), first);
        assertEquals(first, second, "the second JVM maps the first one's folder");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.toList(), "nothing left in the killed JVMs' temporary folder");
        }
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(1, s.count(), "one unpacked folder: " + cache);
        }
    }

    private static String startLoadAndKill(Path dir, Path tmp, Path cache) throws Exception {
        Path out = Files.createTempFile(dir, "child", ".out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp, "-Dimle.nativeCache=" + cache,
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!read(out).contains("loaded from")) {
                assertTrue(p.isAlive(), () -> "the child ended before loading: " + read(out));
                assertTrue(System.nanoTime() < deadline, () -> "the child did not load within " + TIMEOUT_SECONDS + " s");
                Thread.sleep(20);
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no delete-on-exit
            assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the killed child did not end");
        }
        return read(out).lines().filter(l -> l.startsWith("loaded from")).findFirst().orElseThrow();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
