package org.imle.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.Oracles;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.imle.examples.gradient.GradientStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request line in, one response line out, through {@code imle gradient}'s engine: the backward
 * request of a client training the patch network of {@code imle shortest-path} (B = 70 maps of
 * 12 x 12 cells, theta and dLdz of 70 x 144 float32 values widened to double, as PyTorch sends
 * them), answered with z and grad. {@code estimator}: {@code imle} is the experiment's default
 * (Sum-of-Gamma noise k = 16, 10 terms, lambda 20: 140 Dijkstra solves and 10 080 noise draws);
 * {@code imle-tabulated} is the same with Sum-of-Gamma drawn from its tabulated law (one uniform a
 * value instead of 10 Gamma draws), which shows what the exact noise costs;
 * {@code nid} solves each row once and returns dLdz as the gradient, so it is nearly the cost of
 * reading and writing alone. {@code encoding}: {@code json} sends and receives lists of rows
 * (about 400 KB a request), {@code npy} base64 {@code .npy} strings (float32 in, float64 out).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
// On two cores a request kept getting faster for about 25 s (the JIT compiles while both threads
// solve): after 5 warm-up seconds the exact-noise request measured 3.6 ms, after 30 seconds 2.9
@Warmup(iterations = 30, time = 1)
@Measurement(iterations = 10, time = 1)
public class GradientServiceBenchmark {

    static final int B = 70;
    static final int N = 144;

    @Param({"imle", "imle-tabulated", "nid"})
    public String estimator;

    @Param({"json", "npy"})
    public String encoding;

    @Param({"2"})
    public int threads;

    private GradientStream stream;
    private byte[] line;
    private final Sink sink = new Sink();

    /** Counts the bytes written, keeps the last line for checks. */
    static final class Sink extends ByteArrayOutputStream {
        @Override
        public void flush() {
            // the response is complete here; keep only the last one
        }

        String lastLine() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Setup
    public void setUp() {
        stream = new GradientStream(Oracles.discover(), EstimatorRegistry.discover(), SolveExecutor.parallel(threads));
        line = request(estimator, encoding).getBytes(StandardCharsets.US_ASCII);
    }

    /** The request line: a seeded 70 x 144 theta (negated costs) and dLdz. */
    static String request(String estimator, String encoding) {
        SplittableRandom random = new SplittableRandom(23);
        float[] theta = new float[B * N];
        float[] dLdz = new float[B * N];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) -random.nextDouble(0.5, 9.5);
            dLdz[i] = (float) (random.nextDouble(-1, 1) / (B * N));
        }
        String method = switch (estimator) {
            case "imle" -> "{\"name\":\"imle\",\"lambda\":20,\"noise\":{\"name\":\"sum-of-gamma\",\"k\":16,\"iterations\":10}}";
            case "imle-tabulated" -> "{\"name\":\"imle\",\"lambda\":20,"
                    + "\"noise\":{\"name\":\"sum-of-gamma-tabulated\",\"k\":16,\"iterations\":10}}";
            default -> "{\"name\":\"" + estimator + "\"}";
        };
        return "{\"oracle\":\"grid-shortest-path\",\"params\":{\"height\":12,\"width\":12,\"neighbourhood\":8,\"negativeCosts\":\"clamp\"},"
                + "\"theta\":" + array(theta, encoding) + ",\"dLdz\":" + array(dLdz, encoding)
                + ",\"estimator\":" + method + ",\"seed\":1,\"step\":7"
                + (encoding.equals("npy") ? ",\"encoding\":\"npy\"" : "") + "}";
    }

    private static String array(float[] values, String encoding) {
        if (encoding.equals("npy")) {
            return "\"" + Base64.getEncoder().encodeToString(Npy.toBytes(NpyArray.ofFloat32(values, B, N))) + "\"";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < B; r++) {
            sb.append(r > 0 ? ",[" : "[");
            for (int i = 0; i < N; i++) {
                // what Python's json writes for a float32 widened to double: repr, shortest round trip
                sb.append(i > 0 ? "," : "").append((double) values[r * N + i]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** One request answered; returns the bytes of its response. */
    @Benchmark
    public int answer() throws IOException {
        sink.reset();
        stream.answer(1, line, 0, line.length, sink);
        return sink.size();
    }

    /** The response to the benchmark's request, for tests. */
    String response() throws IOException {
        answer();
        return sink.lastLine();
    }

    /** The request line's length in bytes. */
    int requestBytes() {
        return line.length;
    }
}
