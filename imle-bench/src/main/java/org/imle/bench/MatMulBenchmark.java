package org.imle.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.imle.train.tensor.Compute;
import org.imle.train.tensor.MatMul;
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
 * Square float32 matrix products C = A B of side 256 and 1024: imle-train's {@link MatMul} on one
 * thread and on all cores, and its fused kernel (the convolutions') on one thread, against EJML's {@code CommonOps_FDRM.mult} (single-threaded).
 * GFLOP/s = 2 size^3 / (time per product).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatMulBenchmark {

    @Param({"256", "1024"})
    public int size;

    /**
     * {@code imle-fused-1-thread} is {@link MatMul#multiplyFused}, the fused kernel that the
     * convolutions use; the other two imle rows are {@link MatMul#multiply}, the kernel of every
     * other product.
     */
    @Param({"imle-1-thread", "imle-all-cores", "imle-fused-1-thread", "ejml"})
    public String implementation;

    private float[] a;
    private float[] b;
    private float[] c;
    private FMatrixRMaj ea;
    private FMatrixRMaj eb;
    private FMatrixRMaj ec;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(9);
        a = new float[size * size];
        b = new float[size * size];
        c = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        ea = FMatrixRMaj.wrap(size, size, a);
        eb = FMatrixRMaj.wrap(size, size, b);
        ec = new FMatrixRMaj(size, size);
        Compute.setThreads(implementation.endsWith("1-thread") ? 1 : Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public Object multiply() {
        if (implementation.equals("ejml")) {
            CommonOps_FDRM.mult(ea, eb, ec);
            return ec;
        }
        if (implementation.equals("imle-fused-1-thread")) {
            MatMul.multiplyFused(a, 0, b, 0, c, 0, size, size, size, false);
        } else {
            MatMul.multiply(a, 0, b, 0, c, 0, size, size, size, false);
        }
        return c;
    }
}
