package org.imle.examples.shortestpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.imle.djl.DjlRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For one seed the Java and the DJL engine start from the same weights, bit for bit: the Java
 * network draws from PyTorch's generator ({@link org.imle.train.nn.WeightInit#pytorch}) what
 * libtorch draws for the DJL network after the engine is seeded. So their runs of one seed differ
 * only in their arithmetic.
 */
class EngineInitialWeightsTest {

    @ParameterizedTest
    @CsvSource({"PATCH, 12, 1", "PATCH, 12, 3", "COMBRESNET, 4, 2"})
    void javaAndDjlNetworksOfOneSeedStartEqual(CostNetwork network, int grid, long seed) {
        ShortestPathConfig config = ShortestPathConfig.builder().network(network).gridSize(grid).seed(seed)
                .threads(1).build();
        List<org.imle.train.nn.Parameter> java = new ShortestPathExperiment(config).newNetwork(grid).parameters();
        DjlRuntime.start(1, (int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            DjlShortestPath djl = new DjlShortestPath(config, false);
            Block net = djl.newNetwork(grid);
            Shape input = network == CostNetwork.PATCH ? new Shape(1, 3, 64L * 2 * grid * grid)
                    : new Shape(2, 3, 8L * grid, 8L * grid);
            net.initialize(manager, DataType.FLOAT32, input);
            List<float[]> libtorch = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (!p.getKey().contains("running")) { // batch norm's buffers are not parameters in imle
                    libtorch.add(p.getValue().getArray().toFloatArray());
                }
            }
            assertEquals(libtorch.size(), java.size(), "parameter count");
            for (int i = 0; i < java.size(); i++) {
                assertArrayEquals(libtorch.get(i), java.get(i).data(), "parameter " + i + " of " + network);
            }
        }
    }
}
