package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the repository's {@code ./imle} launcher as a process. The build is running this test, so
 * the launcher is told not to build ({@code IMLE_NO_BUILD=1}); what is checked is that it finds
 * the class path Maven wrote (Spark's part only for a run that asks for Spark), starts {@code imle
 * ilp} without the incubator module, and passes arguments, stdin, stdout, exit codes and
 * {@code JAVA_OPTS} through.
 */
class LauncherTest {

    private record Result(int exitCode, String out, String err) {
    }

    /**
     * The one line the JVM itself prints first on stderr when the launcher adds the
     * {@code jdk.incubator.vector} module (imle-train's matrix-product kernel). The launcher does
     * not filter it (a pipe between the JVM and stderr would outlive {@code exec}).
     */
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    /** stderr without the JVM's incubator warning, which must be its first line and come once. */
    static String withoutIncubatorWarning(String err) {
        List<String> lines = err.lines().toList();
        assertTrue(!lines.isEmpty() && lines.get(0).equals(INCUBATOR_WARNING), "the JVM's first line: " + err);
        assertEquals(1, lines.stream().filter(INCUBATOR_WARNING::equals).count(), err);
        return err.substring(err.indexOf('\n') + 1);
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        Path launcher = dir.getParent().resolve("imle");
        assertTrue(Files.isExecutable(launcher), "expected the launcher at " + launcher);
        return dir.getParent();
    }

    private static Result launch(String stdin, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path root = root();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("imle").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().put("IMLE_NO_BUILD", "1");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Path err = Files.createTempFile("imle-launcher", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish within 120 s");
        }
        String errText = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), out, errText);
    }

    @Test
    void passesArgumentsStdinStdoutAndExitCodesThrough() throws Exception {
        Result version = launch("", Map.of(), "--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("imle "), version.out());

        Result gradient = launch("this is not JSON\n{\"oracle\":\"top-k\",\"params\":{\"n\":3,\"k\":1},"
                + "\"theta\":[[1,3,2]],\"dLdz\":[[0,1,0]]}\n", Map.of(), "gradient", "--threads", "1");
        assertEquals(0, gradient.exitCode(), gradient.err());
        List<String> lines = gradient.out().lines().toList();
        assertEquals(2, lines.size(), gradient.out());
        assertTrue(lines.get(0).startsWith("{\"error\":\"line 1: malformed JSON"), gradient.out());
        // the launcher's class path holds imle-solvers: its top-k plug-in answers
        assertEquals("{\"z\":[[0,1,0]],\"grad\":[[0,1,-1]]}", lines.get(1));

        Result bad = launch("", Map.of(), "demo", "--epochs", "zero");
        assertEquals(CliErrors.BAD_INPUT, bad.exitCode());
        assertEquals("", bad.out());
        // one line of imle's own, after the JVM's warning about the incubator module
        String badErr = withoutIncubatorWarning(bad.err());
        assertEquals(1, badErr.lines().count(), bad.err());
        assertTrue(badErr.startsWith("imle demo: Invalid value for option '--epochs'"), bad.err());
    }

    @Test
    void putsSparksJarsOnTheClassPathOnlyForARunThatAsksForSpark(@TempDir Path tmp) throws Exception {
        // -XshowSettings:properties prints java.class.path (one entry a line) on stderr, then runs the command
        Map<String, String> show = Map.of("JAVA_OPTS", "-XshowSettings:properties");
        Result plain = launch("", show, ilp(tmp.resolve("plain"), "--spark-master", "local[1]"));
        assertEquals(CliErrors.BAD_INPUT, plain.exitCode(), plain.err());
        assertTrue(plain.err().contains("--spark-master needs --executor spark"), plain.err());
        assertFalse(plain.err().contains("spark-core_2.13"), "Spark on the class path of a run without it");

        Result inProcess = launch("", show, ilp(tmp.resolve("in-process")));
        assertEquals(0, inProcess.exitCode(), inProcess.err());
        assertFalse(inProcess.err().contains("spark-core_2.13"), "Spark on the class path of a run without it");

        Result spark = launch("", show, ilp(tmp.resolve("spark"), "--executor=SPARK", "--spark-master", "local[1]"));
        assertEquals(0, spark.exitCode(), spark.err());
        assertTrue(spark.err().contains("spark-core_2.13"), "no Spark on the class path of a Spark run");
        // Spark's tasks solve what the in-process executor solves
        assertEquals(finalRegret(tmp.resolve("in-process")), finalRegret(tmp.resolve("spark")));
    }

    @Test
    void runsIlpOnC1OnlyButExactGammaDrawsOnBothCompilersAndJavaOptsWin(@TempDir Path tmp) throws Exception {
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal");
        Result ilp = launch("", flags, ilp(tmp.resolve("ilp")));
        assertEquals(0, ilp.exitCode(), ilp.err());
        assertEquals("1", flag(ilp.out(), "TieredStopAtLevel"));
        assertEquals(0.5, Double.parseDouble(flag(ilp.out(), "CompileThresholdScaling")));
        Result tabulated = launch("", flags, ilp(tmp.resolve("tabulated"), "--estimator=imle-pyepo"));
        assertEquals(0, tabulated.exitCode(), tabulated.err());
        assertEquals("1", flag(tabulated.out(), "TieredStopAtLevel"));

        // the exact Sum-of-Gamma draws need C2: both compilers, C2 for the hot methods only
        Result exact = launch("", flags, ilp(tmp.resolve("exact"), "--estimator", "aimle-pyepo",
                "--noise-sampler", "exact"));
        assertEquals(0, exact.exitCode(), exact.err());
        assertEquals("4", flag(exact.out(), "TieredStopAtLevel"));
        assertEquals("20000", flag(exact.out(), "Tier4InvocationThreshold"));
        assertEquals("5000", flag(exact.out(), "Tier4MinInvocationThreshold"));
        assertEquals("30000", flag(exact.out(), "Tier4CompileThreshold"));
        assertEquals("300000", flag(exact.out(), "Tier4BackEdgeThreshold"));
        assertEquals(1.0, Double.parseDouble(flag(exact.out(), "CompileThresholdScaling")));

        Result user = launch("", Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=4"),
                ilp(tmp.resolve("user")));
        assertEquals(0, user.exitCode(), user.err());
        assertEquals("4", flag(user.out(), "TieredStopAtLevel"));
        Result other = launch("", flags, "oracles");
        assertEquals(0, other.exitCode(), other.err());
        assertEquals("4", flag(other.out(), "TieredStopAtLevel"), "the JVM's default elsewhere");
        assertEquals("5000", flag(other.out(), "Tier4InvocationThreshold"), "the JVM's default elsewhere");
        // the compilers change how fast, not what is computed
        assertEquals(finalRegret(tmp.resolve("ilp")), finalRegret(tmp.resolve("user")));
        Result exactC1 = launch("", Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=1"),
                ilp(tmp.resolve("exact-c1"), "--estimator", "aimle-pyepo", "--noise-sampler=exact"));
        assertEquals(0, exactC1.exitCode(), exactC1.err());
        assertEquals(finalRegret(tmp.resolve("exact")), finalRegret(tmp.resolve("exact-c1")));
    }

    @Test
    void runsIlpWithoutTheIncubatorModuleUnlessSparkOrJavaOptsAskForIt(@TempDir Path tmp) throws Exception {
        // the JVM prints the warning exactly when jdk.incubator.vector is in its boot layer
        Result lean = launch("", Map.of(), ilp(tmp.resolve("lean")));
        assertEquals(0, lean.exitCode(), lean.err());
        assertFalse(lean.err().contains(INCUBATOR_WARNING), "incubator module in a plain ilp run: " + lean.err());
        Result spark = launch("", Map.of(),
                ilp(tmp.resolve("spark"), "--executor", "spark", "--spark-master", "local[1]"));
        assertEquals(0, spark.exitCode(), spark.err());
        withoutIncubatorWarning(spark.err());
        Result vector = launch("", Map.of("JAVA_OPTS", "--add-modules=jdk.incubator.vector"),
                ilp(tmp.resolve("vector")));
        assertEquals(0, vector.exitCode(), vector.err());
        withoutIncubatorWarning(vector.err());
        Result other = launch("", Map.of(), "oracles");
        assertEquals(0, other.exitCode(), other.err());
        withoutIncubatorWarning(other.err());
        // the module changes which matrix-product kernel runs, not what it computes
        assertEquals(finalRegret(tmp.resolve("lean")), finalRegret(tmp.resolve("vector")));
        assertEquals(finalRegret(tmp.resolve("lean")), finalRegret(tmp.resolve("spark")));
    }

    /** A flag's final value as -XX:+PrintFlagsFinal prints it on stdout. */
    private static String flag(String out, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*\\w+\\s+" + name + "\\s+=\\s+(\\S+)")
                .matcher(out);
        assertTrue(m.find(), name + " not printed");
        return m.group(1);
    }

    private static String[] ilp(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("ilp", "--problem", "shortest-path", "--grid", "3",
                "--train", "16", "--test", "8", "--epochs", "1", "--threads", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static double finalRegret(Path out) throws IOException {
        JsonNode regret = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("final_test_regret");
        assertTrue(regret != null && regret.isNumber(), "no final_test_regret in " + out);
        return regret.doubleValue();
    }

    @Test
    void handsJavaOptsToTheJvm() throws Exception {
        Result r = launch("", Map.of("JAVA_OPTS", "-Xms8m -XX:+NoSuchImleTestOption"), "--version");
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.err().contains("NoSuchImleTestOption"), r.err());
    }
}
