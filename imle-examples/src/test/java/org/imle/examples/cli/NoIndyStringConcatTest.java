package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The parent pom compiles string concatenation to {@code StringBuilder} calls
 * ({@code -XDstringConcat=inline}): an invokedynamic concatenation links at its first run and
 * spins method-handle classes, which a short command pays for at every start. No class of the
 * command line's class path that imle built may refer to {@code StringConcatFactory}.
 */
class NoIndyStringConcatTest {

    private static final String FACTORY = "java/lang/invoke/StringConcatFactory";

    @Test
    void noImleClassConcatenatesThroughInvokedynamic() throws IOException {
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        List<String> jars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("target", "classes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                classes++;
                if (contains(Files.readAllBytes(f), FACTORY)) {
                    offenders.add(f.toString());
                }
            }
        }
        for (String entry : Files.readString(Path.of("target", "classpath.txt")).trim().split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!p.getFileName().toString().startsWith("imle-") || !entry.endsWith(".jar")) {
                continue;
            }
            jars.add(p.getFileName().toString().replaceFirst("-[0-9].*", ""));
            try (JarFile jar = new JarFile(p.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    JarEntry c = e.nextElement();
                    if (!c.getName().endsWith(".class")) {
                        continue;
                    }
                    classes++;
                    try (InputStream in = jar.getInputStream(c)) {
                        if (contains(in.readAllBytes(), FACTORY)) {
                            offenders.add(p.getFileName() + "!" + c.getName());
                        }
                    }
                }
            }
        }
        assertTrue(jars.containsAll(List.of("imle-api", "imle-noise", "imle-solvers", "imle-data", "imle-train")),
                "not every module's jar was read: " + jars);
        assertTrue(classes > 500, "too few classes read: " + classes);
        assertEquals(List.of(), offenders);
    }

    /** Whether the class file's bytes hold the name (ISO-8859-1 maps each byte to one char). */
    private static boolean contains(byte[] classFile, String name) {
        return new String(classFile, StandardCharsets.ISO_8859_1).contains(name);
    }
}
