package org.imle.data.warcraft;

import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.MapOracle;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;

/**
 * Generates Warcraft-style shortest-path data (after Vlastelica et al., "Differentiation of
 * Blackbox Combinatorial Solvers", ICLR 2020): K x K maps of {@link Terrain} types in spatially
 * coherent regions, rendered as 8 x 8-pixel RGB tiles with a type-specific texture and per-tile
 * and per-pixel noise, labelled with the true cell costs and a minimum-cost 8-neighbourhood path
 * from the top-left to the bottom-right cell.
 *
 * <p><b>Layout.</b> A weighted Voronoi diagram: 3 to K + 2 sites at random positions, each with a
 * terrain type (grass 30%, dirt 20%, forest 20%, water 15%, mountain 15%) and a random weight in
 * [0.7, 1.3] that bends region borders; each cell takes the type of the site nearest its centre
 * by weighted distance plus a small per-cell jitter that roughens the borders.
 *
 * <p><b>Labels.</b> The path comes from the {@link MapOracle} given to the constructor, called
 * with {@code theta = -cost} (every oracle maximises) and returning a 0/1 indicator per cell in
 * row-major order; the data set's path cost counts every cell on the path, both ends included.
 * Each returned z is checked: entries 0 or 1, both corner cells on it, and
 * {@link MapOracle#infeasibility} null.
 *
 * <p><b>Reproducibility.</b> Map i of stream s for seed x uses only the random stream
 * {@code RandomStreams.open(x, s, i, 0)}, so the data are the same for any executor and thread
 * count. Time: O(N * (K^2 * sites + (8K)^2) + N * oracle).
 */
public final class WarcraftGenerator {

    /** Pixels per tile side, as in the real data set. */
    public static final int TILE = 8;

    /** The grid sizes of the real data set. */
    public static final int[] STANDARD_GRID_SIZES = {12, 18, 24, 30};

    private static final double[] TYPE_WEIGHTS = {0.30, 0.20, 0.20, 0.15, 0.15};

    private final int gridSize;
    private final MapOracle pathOracle;

    /**
     * A generator of {@code gridSize x gridSize} maps labelled by {@code pathOracle}, a shortest
     * path oracle over the 8-neighbour grid of dimension {@code gridSize^2} that must be
     * thread-safe if an executor with several threads is used.
     */
    public WarcraftGenerator(int gridSize, MapOracle pathOracle) {
        if (gridSize < 2) {
            throw new IllegalArgumentException("gridSize must be >= 2, got " + gridSize);
        }
        if (pathOracle.dimension() != gridSize * gridSize) {
            throw new IllegalArgumentException("pathOracle has dimension " + pathOracle.dimension()
                    + ", expected gridSize^2 = " + gridSize * gridSize);
        }
        this.gridSize = gridSize;
        this.pathOracle = pathOracle;
    }

    /** Cells per side K. */
    public int gridSize() {
        return gridSize;
    }

    /** {@code count} maps of stream 0 for {@code seed}. */
    public WarcraftDataset generate(int count, long seed, SolveExecutor executor) {
        return generate(count, seed, 0, executor);
    }

    /**
     * {@code count} maps of random stream {@code stream} for {@code seed}: different streams give
     * independent data sets (the splits use streams 0, 1, 2).
     */
    public WarcraftDataset generate(int count, long seed, long stream, SolveExecutor executor) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int cells = gridSize * gridSize;
        int side = gridSize * TILE;
        if ((long) count * side * side * 3 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " maps of " + side + " x " + side
                    + " pixels do not fit in one array; generate fewer");
        }
        byte[] maps = new byte[count * side * side * 3];
        float[] weights = new float[count * cells];
        byte[] paths = new byte[count * cells];
        executor.run(count, i -> {
            UniformRandomProvider rng = RandomStreams.open(seed, stream, i, 0);
            Terrain[] layout = layout(rng);
            render(layout, rng, maps, i * side * side * 3);
            double[] theta = new double[cells];
            for (int c = 0; c < cells; c++) {
                weights[i * cells + c] = layout[c].cost();
                theta[c] = -layout[c].cost();
            }
            double[] z = new double[cells];
            pathOracle.solve(theta, z);
            checkPath(z, i);
            for (int c = 0; c < cells; c++) {
                paths[i * cells + c] = (byte) z[c];
            }
        });
        return new WarcraftDataset(gridSize, TILE, maps, weights, paths);
    }

    /** Train, validation and test sets from streams 0, 1 and 2 of {@code seed}. */
    public WarcraftSplits generateSplits(int train, int val, int test, long seed,
            SolveExecutor executor) {
        return new WarcraftSplits(generate(train, seed, 0, executor),
                generate(val, seed, 1, executor), generate(test, seed, 2, executor));
    }

    /** The terrain of each cell (row-major) of map {@code index} of {@code stream}. */
    public Terrain[] terrain(long seed, long stream, int index) {
        return layout(RandomStreams.open(seed, stream, index, 0));
    }

    private void checkPath(double[] z, int map) {
        String why = pathOracle.infeasibility(z);
        for (int c = 0; why == null && c < z.length; c++) {
            if (z[c] != 0 && z[c] != 1) {
                why = "cell " + WarcraftDataset.cellName(c, gridSize) + " is " + z[c];
            }
        }
        if (why == null && (z[0] != 1 || z[z.length - 1] != 1)) {
            why = "the path does not contain both corner cells";
        }
        if (why != null) {
            throw new IllegalStateException("path oracle " + pathOracle + " returned an invalid"
                    + " path for map " + map + ": " + why);
        }
    }

    private Terrain[] layout(UniformRandomProvider rng) {
        int k = gridSize;
        int sites = 3 + rng.nextInt(k);
        double[] sx = new double[sites];
        double[] sy = new double[sites];
        double[] sw = new double[sites];
        Terrain[] st = new Terrain[sites];
        Terrain[] types = Terrain.values();
        for (int s = 0; s < sites; s++) {
            sx[s] = rng.nextDouble() * k;
            sy[s] = rng.nextDouble() * k;
            sw[s] = 0.7 + 0.6 * rng.nextDouble();
            double u = rng.nextDouble();
            int t = 0;
            while (t < types.length - 1 && u >= TYPE_WEIGHTS[t]) {
                u -= TYPE_WEIGHTS[t];
                t++;
            }
            st[s] = types[t];
        }
        Terrain[] layout = new Terrain[k * k];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                // added to every other site only: a jitter common to all sites moves no border
                double jitter = 0.5 * rng.nextDouble();
                double best = Double.POSITIVE_INFINITY;
                for (int s = 0; s < sites; s++) {
                    double dx = c + 0.5 - sx[s];
                    double dy = r + 0.5 - sy[s];
                    double d = Math.sqrt(dx * dx + dy * dy) * sw[s] + (s % 2 == 0 ? jitter : 0);
                    if (d < best) {
                        best = d;
                        layout[r * k + c] = st[s];
                    }
                }
            }
        }
        return layout;
    }

    /** Draws every tile of one map into {@code out} from {@code offset}, (H, W, 3) row-major. */
    private void render(Terrain[] layout, UniformRandomProvider rng, byte[] out, int offset) {
        int side = gridSize * TILE;
        double tint = 0.06 * (2 * rng.nextDouble() - 1); // lighting of the whole map
        double[] texture = new double[TILE * TILE];
        for (int r = 0; r < gridSize; r++) {
            for (int c = 0; c < gridSize; c++) {
                Terrain t = layout[r * gridSize + c];
                texture(t, rng, texture);
                double brightness = 1 + tint + 0.12 * (2 * rng.nextDouble() - 1);
                for (int y = 0; y < TILE; y++) {
                    for (int x = 0; x < TILE; x++) {
                        int px = offset + ((r * TILE + y) * side + c * TILE + x) * 3;
                        double tex = texture[y * TILE + x];
                        for (int ch = 0; ch < 3; ch++) {
                            double v = t.base(ch) * brightness + t.amplitude(ch) * tex
                                    + 16 * (rng.nextDouble() - 0.5);
                            out[px + ch] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                        }
                    }
                }
            }
        }
    }

    /** Fills an 8 x 8 texture in [-1, 1] for one tile, with a random phase. */
    private static void texture(Terrain t, UniformRandomProvider rng, double[] tex) {
        int px = rng.nextInt(TILE);
        int py = rng.nextInt(TILE);
        switch (t) {
            case GRASS:
                for (int i = 0; i < tex.length; i++) {
                    tex[i] = rng.nextDouble() < 0.25 ? 1 : -0.2;
                }
                break;
            case DIRT:
                for (int y = 0; y < TILE; y++) {
                    for (int x = 0; x < TILE; x++) {
                        tex[y * TILE + x] = 0.7 * Math.sin(2 * Math.PI * (y + py) / 4)
                                + 0.3 * (2 * rng.nextDouble() - 1);
                    }
                }
                break;
            case FOREST: {
                double ax = rng.nextDouble() * TILE;
                double ay = rng.nextDouble() * TILE;
                double bx = (ax + TILE / 2.0) % TILE;
                double by = (ay + TILE / 2.0) % TILE;
                for (int y = 0; y < TILE; y++) {
                    for (int x = 0; x < TILE; x++) {
                        double da = Math.hypot(x + 0.5 - ax, y + 0.5 - ay);
                        double db = Math.hypot(x + 0.5 - bx, y + 0.5 - by);
                        tex[y * TILE + x] = Math.min(da, db) < 2.2 ? -1 : 0.5;
                    }
                }
                break;
            }
            case WATER:
                for (int y = 0; y < TILE; y++) {
                    for (int x = 0; x < TILE; x++) {
                        tex[y * TILE + x] = Math.sin(2 * Math.PI * (x + 0.5 * y + px) / 5);
                    }
                }
                break;
            default: // MOUNTAIN: a triangle wave across the diagonal, plus rubble
                for (int y = 0; y < TILE; y++) {
                    for (int x = 0; x < TILE; x++) {
                        int phase = Math.floorMod(x - y + px + py, 6);
                        tex[y * TILE + x] = (phase < 3 ? phase : 6 - phase) / 1.5 - 1
                                + (rng.nextDouble() < 0.1 ? 0.8 : 0);
                    }
                }
                break;
        }
    }

    @Override
    public String toString() {
        return "WarcraftGenerator[" + gridSize + " x " + gridSize + ", " + pathOracle + "]";
    }
}
