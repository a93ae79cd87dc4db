package org.imle.noise;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.imle.api.io.AtomicFile;

/**
 * Writes the tables {@link SumOfGammaTables#SHIPPED} names, computed from {@link SumOfGammaLaw},
 * into the resource folder given as the argument (normally
 * {@code imle-noise/src/main/resources/org/imle/noise}), after a build (imle-api and Commons RNG
 * come from the command line's class path):
 * <pre>
 *   java -cp imle-noise/target/classes:imle-noise/target/test-classes:$(cat imle-examples/target/classpath.txt) \
 *       org.imle.noise.ShippedTablesWriter imle-noise/src/main/resources/org/imle/noise
 * </pre>
 */
public final class ShippedTablesWriter {

    private ShippedTablesWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ShippedTablesWriter RESOURCE_DIR");
            System.exit(2);
        }
        for (SumOfGammaTables.Pair pair : SumOfGammaTables.SHIPPED) {
            double[] q = new SumOfGammaLaw(pair.k(), pair.iterations()).quantiles(TabulatedSumOfGammaNoise.CELLS);
            ByteBuffer bytes = ByteBuffer.allocate(8 * q.length);
            bytes.asDoubleBuffer().put(q);
            Path file = Path.of(args[0]).resolve(pair.resource());
            AtomicFile.write(file, bytes.array());
            System.out.println(file);
        }
    }
}
