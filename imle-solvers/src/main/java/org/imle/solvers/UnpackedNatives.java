package org.imle.solvers;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A folder of native libraries unpacked once from a jar into a cache and reused by every later
 * process. OR-Tools' own loader unpacks its 65 MB of libraries into a new temporary folder at every
 * start (65 MB written each time) and deletes it only at a normal exit, so every JVM that is killed (a
 * Spark executor when its worker goes, a run stopped with SIGKILL, a crash) leaves 65 MB behind.
 *
 * <p>The cache folder of a jar is named by the jar's file name and size (the platform jar's name
 * carries OR-Tools' version). It is written under a temporary name and renamed into place when
 * complete, so a process never sees half a folder; when two processes unpack at once, one rename
 * wins and the other deletes its copy. Partial folders of killed processes are removed after an
 * hour.
 */
final class UnpackedNatives {

    /** Written last into a complete folder. */
    static final String COMPLETE = ".complete";

    private static final String PARTIAL = ".partial-";
    private static final Duration STALE_PARTIAL = Duration.ofHours(1);

    private UnpackedNatives() {
    }

    /**
     * The cache root: the system property {@code imle.nativeCache} if set, else
     * {@code $XDG_CACHE_HOME/imle/natives}, else {@code ~/.cache/imle/natives}.
     */
    static Path defaultRoot() {
        String property = System.getProperty("imle.nativeCache");
        if (property != null && !property.isBlank()) {
            return Paths.get(property);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("imle").resolve("natives");
    }

    /**
     * The cached copy of the jar folder {@code resourceDir} (a {@code jar:} URL ending in
     * {@code /}), unpacking it under {@code root} first if no complete copy is there.
     *
     * @throws IOException when {@code resourceDir} is not a folder inside a jar file, or the cache
     *         cannot be written
     */
    static Path unpack(URL resourceDir, Path root) throws IOException {
        URLConnection connection = resourceDir.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("natives at " + resourceDir + " are not in a jar file");
        }
        String folder = jarConnection.getEntryName();
        if (folder == null || !folder.endsWith("/")) {
            throw new IOException("natives at " + resourceDir + " are not a folder of a jar");
        }
        Path jar;
        try {
            jar = Paths.get(jarConnection.getJarFileURL().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("natives at " + resourceDir + " are not in a local jar file", e);
        }
        String jarName = jar.getFileName().toString();
        if (jarName.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            jarName = jarName.substring(0, jarName.length() - 4);
        }
        Path target = root.resolve(jarName + "-" + Files.size(jar));
        if (Files.isRegularFile(target.resolve(COMPLETE))) {
            return target;
        }
        Files.createDirectories(root);
        removeStalePartials(root);
        Path partial = createPrivateDirectory(root, target.getFileName() + PARTIAL);
        try {
            copyFolder(jar, folder, partial);
            Files.createFile(partial.resolve(COMPLETE));
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // rename(2) onto a folder that is there says "not empty", which the JDK reports
                // as a plain FileSystemException: another process finished first (its copy is
                // as good as ours), or a broken folder is in the way (reported below)
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                deleteTree(partial);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            throw e;
        }
        if (!Files.isRegularFile(target.resolve(COMPLETE))) {
            throw new IOException("the native cache folder " + target + " exists but is not complete; delete it");
        }
        return target;
    }

    private static Path createPrivateDirectory(Path root, String prefix) throws IOException {
        try {
            return Files.createTempDirectory(root, prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempDirectory(root, prefix);
        }
    }

    private static void copyFolder(Path jar, String folder, Path into) throws IOException {
        int copied = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(folder)) {
                    continue;
                }
                Path out = into.resolve(name.substring(folder.length())).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("jar entry " + name + " of " + jar + " points outside its folder");
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out);
                }
                copied++;
            }
        }
        if (copied == 0) {
            throw new IOException("folder " + folder + " of " + jar + " holds no files");
        }
    }

    private static void removeStalePartials(Path root) {
        Instant cutoff = Instant.now().minus(STALE_PARTIAL);
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> p.getFileName().toString().contains(PARTIAL)).forEach(p -> {
                try {
                    FileTime modified = Files.getLastModifiedTime(p);
                    if (modified.toInstant().isBefore(cutoff)) {
                        deleteTree(p);
                    }
                } catch (IOException ignored) {
                    // another process is removing it, or it is not ours to remove
                }
            });
        } catch (IOException ignored) {
            // an unreadable cache root shows up when unpacking into it
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: what is left is a partial folder the next start removes
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
