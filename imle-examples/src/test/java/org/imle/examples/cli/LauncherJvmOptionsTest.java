package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options every JVM of the project needs (DJL offline, and whatever later modules add)
 * are written twice: as {@code imle.jvm.args} in the parent pom, which surefire uses, and as
 * {@code imle_jvm_args} in the {@code ./imle} launcher. Tests would pass with options the
 * launcher lacks, so the two lists must be the same.
 */
class LauncherJvmOptionsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    static List<String> pomOptions() throws IOException {
        Matcher m = Pattern.compile("<imle\\.jvm\\.args>([^<]*)</imle\\.jvm\\.args>", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), "no <imle.jvm.args> property in the parent pom");
        return tokens(m.group(1));
    }

    static List<String> launcherOptions() throws IOException {
        Matcher m = Pattern.compile("(?m)^imle_jvm_args=\\(([^)]*)\\)")
                .matcher(Files.readString(ROOT.resolve("imle")));
        assertTrue(m.find(), "no imle_jvm_args=(...) line in the launcher");
        return tokens(m.group(1).replace("\\\n", " "));
    }

    private static List<String> tokens(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(t -> !t.isEmpty()).toList();
    }

    @Test
    void launcherAndSurefireGiveTheJvmTheSameOptions() throws IOException {
        assertEquals(pomOptions(), launcherOptions());
    }

    @Test
    void djlIsOfflineInBoth() throws IOException {
        assertTrue(pomOptions().contains("-Dai.djl.offline=true"), "surefire must keep DJL offline");
        assertTrue(Files.readString(ROOT.resolve("imle")).contains("export DJL_OFFLINE=true"),
                "the launcher must export DJL_OFFLINE");
        assertTrue(Files.readString(ROOT.resolve(".ci/run")).contains("DJL_OFFLINE=true"),
                ".ci/run must export DJL_OFFLINE");
    }
}
