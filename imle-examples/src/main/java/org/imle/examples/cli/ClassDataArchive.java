package org.imle.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the {@code ./imle} launcher's class-data-sharing archive: a JVM runs
 * {@link ClassDataWarmUp} and lists the classes it loads ({@code -XX:DumpLoadedClassList}), then a
 * second one dumps them into a static archive ({@code -Xshare:dump}), which later runs map
 * ({@code -XX:SharedArchiveFile}). Both get the JVM options, the {@code java} and the class path of
 * this JVM's caller, since a JVM maps an archive only with the class path (as a prefix) and the
 * module options it was written with.
 *
 * <p>A static archive, not one written at exit ({@code -XX:ArchiveClassesAtExit}): on JDK 17 that
 * one leaves out every class of Java 5 bytecode, and picocli's 175 classes are such classes, which
 * every run then loaded and verified from the jar. The static archive also holds the JDK's classes
 * the warm-up loads, so it replaces the JDK's own archive for these runs.
 */
public final class ClassDataArchive {

    /** Longest a step may take; the warm-up takes a few seconds. */
    private static final long STEP_SECONDS = 300;

    private ClassDataArchive() {
    }

    /**
     * {@code ClassDataArchive ARCHIVE SCRATCH_DIR [JVM_OPTION...]}: writes ARCHIVE (replacing it
     * only once the new one is complete) with the given JVM options; SCRATCH_DIR takes the
     * warm-up's training output. Exits with 0, or with 1 after one line on stderr naming the step
     * that failed, leaving no archive and no temporary file behind.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ClassDataArchive ARCHIVE SCRATCH_DIR [JVM_OPTION...]");
            System.exit(2);
        }
        List<String> options = Arrays.asList(args).subList(2, args.length);
        try {
            write(Path.of(args[0]), Path.of(args[1]), options);
        } catch (IOException e) {
            System.err.println("imle: class-data archive " + args[0] + " not written: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    /** Writes the archive through two JVMs of this JVM's {@code java} and class path. */
    static void write(Path archive, Path scratch, List<String> jvmOptions) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Path dir = archive.toAbsolutePath().getParent();
        Path list = Files.createTempFile(dir, archive.getFileName() + ".", ".classes");
        Path tmp = Files.createTempFile(dir, archive.getFileName() + ".", ".tmp");
        try {
            List<String> listing = command(java, jvmOptions, "-XX:DumpLoadedClassList=" + list);
            listing.addAll(List.of("-cp", classPath, ClassDataWarmUp.class.getName(), scratch.toString()));
            run("the warm-up run", listing);
            Files.delete(tmp);
            List<String> dump = command(java, jvmOptions, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + tmp);
            dump.addAll(List.of("-cp", classPath));
            run("the dump", dump);
            if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                throw new IOException("the dump wrote no archive");
            }
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(tmp);
        }
    }

    private static List<String> command(String java, List<String> jvmOptions, String... more) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of(more));
        return command;
    }

    /** Runs one step with its output discarded; its exit code must be 0. */
    private static void run(String step, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(step + " took longer than " + STEP_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(step + " exited with " + p.exitValue());
        }
    }
}
