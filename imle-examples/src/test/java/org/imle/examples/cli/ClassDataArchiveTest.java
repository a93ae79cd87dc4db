package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive, written by {@link ClassDataArchive} as the launcher writes it,
 * on the launcher's class path (jars only, as CDS wants: a directory of it is packed into a jar
 * here). A run that maps it loads the command line's classes from it (on JDK 17 picocli's too,
 * which the archive written at exit did not hold), and computes what a run without it computes.
 */
class ClassDataArchiveTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Run(int exitCode, String err) {
    }

    @Test
    void theArchiveHoldsPicocliAndARunThatMapsItComputesTheSame(@TempDir Path tmp) throws Exception {
        String classPath = launcherClassPath(tmp.resolve("jars"));
        Path dir = Files.createDirectories(tmp.resolve("archive"));
        Path archive = dir.resolve("imle.jsa");
        Run write = java(List.of("-cp", classPath, ClassDataArchive.class.getName(), archive.toString(),
                tmp.resolve("scratch").toString(), "-Dai.djl.offline=true"));
        assertEquals(0, write.exitCode(), write.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(archive), files.toList(), "only the archive is left");
        }

        Path loads = tmp.resolve("loads.txt");
        // -Xshare:on: the JVM fails rather than run without the archive
        Run mapped = java(List.of("-Dai.djl.offline=true", "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load:file=" + loads, "-cp", classPath, Main.class.getName(), "ilp",
                "--problem", "shortest-path", "--grid", "3", "--train", "16", "--test", "8", "--epochs", "2",
                "--threads", "1", "--out", tmp.resolve("mapped").toString()));
        assertEquals(0, mapped.exitCode(), mapped.err());
        String log = Files.readString(loads);
        // JDK 17 (the launcher's java on a fresh machine) archives classes of Java 5 bytecode in a
        // static dump; JDK 25's dump links them first and then leaves them out (seen here)
        if (Runtime.version().feature() == 17) {
            assertTrue(log.contains("picocli.CommandLine source: shared objects file"), "picocli not from the archive");
            // none from the jar: a lambda of a picocli interface would make the dump leave it out
            List<String> fromJar = log.lines()
                    .filter(l -> l.contains(" picocli.") && l.contains("source: file:")).toList();
            assertEquals(List.of(), fromJar, "picocli classes loaded from the jar");
        }
        assertTrue(log.contains("org.imle.examples.cli.IlpCommand source: shared objects file"),
                "IlpCommand not from the archive");

        Run plain = java(List.of("-Dai.djl.offline=true", "-Xshare:off", "-cp", classPath, Main.class.getName(), "ilp",
                "--problem", "shortest-path", "--grid", "3", "--train", "16", "--test", "8", "--epochs", "2",
                "--threads", "1", "--out", tmp.resolve("plain").toString()));
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(finalRegret(tmp.resolve("plain")), finalRegret(tmp.resolve("mapped")));
    }

    @Test
    void aFailedStepIsOneLineAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        String classPath = launcherClassPath(tmp.resolve("jars"));
        Path dir = Files.createDirectories(tmp.resolve("archive"));
        Run write = java(List.of("-cp", classPath, ClassDataArchive.class.getName(), dir.resolve("imle.jsa").toString(),
                tmp.resolve("scratch").toString(), "-XX:+NoSuchImleTestOption"));
        assertEquals(1, write.exitCode(), write.err());
        assertEquals(List.of("imle: class-data archive " + dir.resolve("imle.jsa")
                + " not written: the warm-up run exited with 1"), write.err().lines().toList());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no archive and no temporary file");
        }
    }

    /** The module's classes packed into a jar, then target/classpath.txt, directories packed too. */
    private static String launcherClassPath(Path jars) throws IOException {
        Files.createDirectories(jars);
        List<String> entries = new ArrayList<>();
        entries.add(jarOf(Path.of("target", "classes"), jars.resolve("imle-examples.jar")).toString());
        String listed = Files.readString(Path.of("target", "classpath.txt")).trim();
        int i = 0;
        for (String entry : listed.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            entries.add(Files.isDirectory(p) ? jarOf(p, jars.resolve("entry-" + i++ + ".jar")).toString() : entry);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path jarOf(Path dir, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Run java(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(args);
        Path err = Files.createTempFile("class-data-archive", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("a JVM of the test did not finish within 300 s: " + command);
        }
        String text = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Run(p.exitValue(), text);
    }

    private static double finalRegret(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("final_test_regret").doubleValue();
    }
}
