package org.imle.solvers.execution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.registry.OracleSpec;
import org.imle.api.registry.Oracles;

/**
 * A test executor that does what a distributed one must: every solve request crosses a byte
 * boundary as the oracle's spec and the block of theta rows, a "remote" side that shares no object
 * with the caller rebuilds the oracle from the plug-in registry (once per spec, as an executor JVM
 * would) and solves the rows, and the z rows come back as bytes. Local work ({@link #run}) stays
 * on the calling thread.
 */
final class ShippingExecutor implements SolveExecutor {

    /** The remote side: its own registry and its own oracles, keyed by spec. */
    private final Oracles remoteRegistry = Oracles.discover();
    private final Map<OracleSpec, MapOracle> remoteOracles = new HashMap<>();
    private int requests;
    private long rowsShipped;

    @Override
    public void run(int tasks, IntConsumer task) {
        SolveExecutor.sequential().run(tasks, task);
    }

    @Override
    public void solve(MapOracle oracle, int rows, ThetaRows theta, double[] z) {
        OracleSpec spec = OracleSpec.required(oracle, "shipping");
        int n = oracle.dimension();
        byte[] request = toBytes(spec, ThetaRows.block(theta, rows, n));
        double[] answer = (double[]) fromBytes(solveRemotely(request))[0];
        System.arraycopy(answer, 0, z, 0, rows * n);
        requests++;
        rowsShipped += rows;
    }

    /** What a remote JVM does with a request: rebuild the oracle from its spec, solve every row. */
    private byte[] solveRemotely(byte[] request) {
        Object[] parts = fromBytes(request);
        OracleSpec spec = (OracleSpec) parts[0];
        double[] theta = (double[]) parts[1];
        MapOracle oracle = remoteOracles.computeIfAbsent(spec, s -> s.create(remoteRegistry));
        int n = oracle.dimension();
        double[] z = new double[theta.length];
        for (int r = 0; r < theta.length / n; r++) {
            oracle.solve(theta, r * n, z, r * n);
        }
        return toBytes(z);
    }

    int requests() {
        return requests;
    }

    long rowsShipped() {
        return rowsShipped;
    }

    int oraclesBuilt() {
        return remoteOracles.size();
    }

    private static byte[] toBytes(Object... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object[] fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Object[]) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
