package org.imle.solvers.shortestpath;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.BinaryVectors;

/**
 * Shortest path between two cells of an H x W grid with costs on the cells, as in the Warcraft
 * maps of Vlastelica et al. (ICLR 2020): a path's cost is the sum of the costs of its cells, both
 * ends included; moves go to the 4 or the 8 neighbouring cells.
 *
 * <p><b>Encoding.</b> theta and z have one entry per cell, row-major ({@code index = row * W + col}).
 * {@code theta = -cost}, so maximising {@code <z, theta>} minimises the path's cost; z[i] = 1 when
 * the path visits cell i. Source and target default to the top-left and the bottom-right cells.
 *
 * <p><b>Negative costs</b> (theta &gt; 0): by default ({@link NegativeCostPolicy#REJECT}) an
 * {@link IllegalArgumentException} names the cell; {@link NegativeCostPolicy#CLAMP} raises every
 * cost below {@code minCost} to {@code minCost} first. NaN and infinite theta are always rejected.
 *
 * <p><b>Algorithm and complexity.</b> Dijkstra's algorithm (Dijkstra 1959) from the source,
 * stopping when the target is settled. The costs are copied into a grid padded with a border of
 * +infinity cells, so a cell's neighbours are fixed index offsets and the inner loop has no bounds
 * tests or neighbour lists. The queue is a ring of buckets a hair narrower than the smallest
 * cost (Dial 1969) when every cost is positive and {@code c_max / c_min} is below about
 * {@value #MAX_BUCKETS}: a settled cell's neighbours then land at least one bucket later, so each
 * bucket holds only final distances and is emptied in any order, with no comparisons between
 * keys. Otherwise (a zero cost, as clamped targets have, or a wider range) the queue is a binary
 * heap of (distance, cell) pairs with lazy deletion, bucketed: {@value #HEAP_RING} / 2 buckets
 * span the largest cost, later buckets are plain lists, and only the current one is a heap, so
 * the heap stays a few entries deep. The queues are classes of their own, {@link BucketRing} and
 * {@link PairHeap}; docs/BENCHMARKS.md has what each choice saves.
 * O(HW + C) per solve with buckets (C the buckets passed), O(HW log(HW)) with the heap; no
 * allocation (each thread keeps its scratch arrays).
 *
 * <p><b>Ties.</b> Cells are settled in increasing (distance, row-major index) order, and each cell's
 * predecessor is the neighbour settled first among those through which it reaches its final
 * distance. The bucket queue settles a bucket in another order but gives every cell the same
 * predecessor: with positive costs (and, by the bucket limit, none lost to rounding) the neighbour
 * settled first is the one with the smallest (distance, index), and a relaxation that only ties
 * the distance takes that neighbour when it is smaller. The bucketed heap pops exactly the
 * sequence of (distance, cell) pairs a single heap pops. Tests check every queue against the
 * single heap on thousands of grids with and without ties. On costs drawn from a continuous
 * distribution the path is the unique shortest path.
 *
 * <p>Thread-safe.
 */
public final class GridShortestPathOracle extends AbstractMapOracle {

    /** The largest ring of buckets; a wider range of costs takes the heap. */
    static final int MAX_BUCKETS = 4096;
    /**
     * Buckets of the bucketed heap: half of them span the largest cost, so the live distances
     * (within one largest cost of the current bucket) never wrap onto each other.
     */
    static final int HEAP_RING = 256;
    /** Buckets are this fraction of the smallest cost wide: below 1 by more than any rounding. */
    private static final double NARROWING = 1.0 - 0x1.0p-20;

    private static final int[] ROW_STEPS_8 = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int[] COL_STEPS_8 = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final int[] ROW_STEPS_4 = {-1, 0, 0, 1};
    private static final int[] COL_STEPS_4 = {0, -1, 1, 0};

    private final int height;
    private final int width;
    private final int cells;
    private final int neighbourhood;
    private final int source;
    private final int target;
    private final NegativeCostPolicy policy;
    private final double minCost;
    /** Neighbours of cell c are {@code adjacency[adjacencyStart[c] .. adjacencyStart[c + 1])}, ascending. */
    private final int[] adjacencyStart;
    private final int[] adjacency;
    /** Index steps to the neighbours in the padded layout (a border of one cell all round). */
    private final int[] paddedSteps;
    private final int paddedSource;
    /** The row-major cell of each padded index (-1 on the border): no divisions on the path. */
    private final int[] cellOf;
    /**
     * Distances before a solve: +infinity inside, -infinity on the border. A move into the border
     * (cost +infinity) then fails {@code nd < dist} and {@code nd == dist} alike, so the tie test
     * costs nothing where it cannot apply.
     */
    private final double[] initialDist;
    private final int paddedTarget;
    private final ThreadLocal<Scratch> scratch;
    /** {@link #cellName} for the policy's errors, made once. */
    private final IntFunction<String> cellNames = this::cellName;

    /** The top-left to bottom-right path with the 8-neighbourhood, rejecting negative costs. */
    public GridShortestPathOracle(int height, int width) {
        this(height, width, 8);
    }

    /** The top-left to bottom-right path, rejecting negative costs. */
    public GridShortestPathOracle(int height, int width, int neighbourhood) {
        this(height, width, neighbourhood, 0, 0, height - 1, width - 1, NegativeCostPolicy.REJECT, 0.0);
    }

    /**
     * @param height H >= 1 rows
     * @param width W >= 1 columns
     * @param neighbourhood 4 (edge-adjacent cells) or 8 (also diagonal cells)
     * @param sourceRow row of the first cell of every path
     * @param sourceCol column of the first cell
     * @param targetRow row of the last cell
     * @param targetCol column of the last cell
     * @param policy what negative costs do
     * @param minCost the floor {@link NegativeCostPolicy#CLAMP} raises costs to, finite and >= 0
     *     (ignored by {@link NegativeCostPolicy#REJECT})
     */
    public GridShortestPathOracle(int height, int width, int neighbourhood, int sourceRow, int sourceCol,
            int targetRow, int targetCol, NegativeCostPolicy policy, double minCost) {
        super(cellCount(height, width));
        this.height = height;
        this.width = width;
        if (neighbourhood != 4 && neighbourhood != 8) {
            throw new IllegalArgumentException("neighbourhood must be 4 or 8, got " + neighbourhood);
        }
        Checks.between("source row", sourceRow, 0, height - 1);
        Checks.between("source column", sourceCol, 0, width - 1);
        Checks.between("target row", targetRow, 0, height - 1);
        Checks.between("target column", targetCol, 0, width - 1);
        if (policy == null) {
            throw new IllegalArgumentException("negative cost policy is null");
        }
        this.cells = height * width;
        this.neighbourhood = neighbourhood;
        this.source = sourceRow * width + sourceCol;
        this.target = targetRow * width + targetCol;
        this.policy = policy;
        this.minCost = Checks.nonNegative("minCost", minCost);
        int[] rowSteps = neighbourhood == 8 ? ROW_STEPS_8 : ROW_STEPS_4;
        int[] colSteps = neighbourhood == 8 ? COL_STEPS_8 : COL_STEPS_4;
        adjacencyStart = new int[cells + 1];
        int[] buffer = new int[cells * neighbourhood];
        int count = 0;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                adjacencyStart[r * width + c] = count;
                for (int s = 0; s < rowSteps.length; s++) {
                    int nr = r + rowSteps[s];
                    int nc = c + colSteps[s];
                    if (nr >= 0 && nr < height && nc >= 0 && nc < width) {
                        buffer[count++] = nr * width + nc;
                    }
                }
            }
        }
        adjacencyStart[cells] = count;
        adjacency = Arrays.copyOf(buffer, count);
        int stride = width + 2;
        paddedSteps = new int[rowSteps.length];
        for (int st = 0; st < rowSteps.length; st++) {
            paddedSteps[st] = rowSteps[st] * stride + colSteps[st];
        }
        paddedSource = (sourceRow + 1) * stride + sourceCol + 1;
        paddedTarget = (targetRow + 1) * stride + targetCol + 1;
        int paddedCells = (height + 2) * stride;
        cellOf = new int[paddedCells];
        Arrays.fill(cellOf, -1);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                cellOf[(r + 1) * stride + c + 1] = r * width + c;
            }
        }
        initialDist = new double[paddedCells];
        for (int p = 0; p < paddedCells; p++) {
            initialDist[p] = cellOf[p] < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int adjacencies = adjacency.length;
        scratch = ThreadLocal.withInitial(() -> new Scratch(paddedCells, adjacencies));
    }

    private static int cellCount(int height, int width) {
        Checks.atLeast("height", height, 1);
        Checks.atLeast("width", width, 1);
        if ((long) height * width > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("grid " + height + " x " + width + " is too large");
        }
        return height * width;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int neighbourhood() {
        return neighbourhood;
    }

    /** The row-major index of the source cell. */
    public int source() {
        return source;
    }

    /** The row-major index of the target cell. */
    public int target() {
        return target;
    }

    public NegativeCostPolicy negativeCostPolicy() {
        return policy;
    }

    public double minCost() {
        return minCost;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        solve(theta, thetaOffset, z, zOffset, true);
    }

    /**
     * The same solve with the binary heap whatever the costs: the reference of the bucket queue.
     * Unchecked: for tests, on rows the checked solve accepts.
     */
    void solveWithHeap(double[] theta, int thetaOffset, double[] z, int zOffset) {
        solve(theta, thetaOffset, z, zOffset, false);
    }

    private void solve(double[] theta, int thetaOffset, double[] z, int zOffset, boolean buckets) {
        Scratch s = scratch.get();
        readCosts(theta, thetaOffset, s);
        int ring = buckets ? bucketRing(s.minCost, s.maxCost, cells) : 0;
        if (ring > 0) {
            dijkstraWithBuckets(s, ring);
        } else if (buckets && bucketedHeapFits(s.maxCost, cells)) {
            dijkstraWithHeap(s, (HEAP_RING / 2) / s.maxCost);
        } else {
            dijkstraWithHeap(s, 0.0);
        }
        Arrays.fill(z, zOffset, zOffset + cells, 0.0);
        int[] pred = s.pred;
        for (int v = paddedTarget; v >= 0; v = pred[v]) {
            z[zOffset + cellOf[v]] = 1.0;
        }
    }

    /**
     * The number of buckets (a power of two) for costs in [min, max] on a grid of this many
     * cells, or 0 when the heap must be used: a zero cost, or more than {@value #MAX_BUCKETS}
     * buckets. A bucket is min * (1 - 2^-20) wide: a cost moves a distance's exact bucket index
     * up by at least 1 + 2^-20, more than the rounding of the sum and of the index (both below
     * 2^-22 while indices stay below 2^30, which the cell bound ensures), so a neighbour always
     * lands in a later bucket. Live entries span at most max / width + 2 buckets. The limit also
     * keeps min far above the rounding of any distance, so no cost vanishes in a sum.
     */
    static int bucketRing(double min, double max, int cells) {
        if (!(min > 0)) {
            return 0;
        }
        double needed = Math.ceil(max / (min * NARROWING)) + 4;
        if (needed > MAX_BUCKETS || needed * cells >= (1 << 30)) {
            return 0;
        }
        return Integer.highestOneBit((int) needed - 1) << 1;
    }

    /**
     * Whether the bucketed heap can order distances from costs in [0, max] on a grid of this many
     * cells: a max far from 0 (all-zero or subnormal costs would make the buckets infinitely
     * narrow; they take the plain heap), distances that stay finite, and bucket indices below 2^30.
     */
    static boolean bucketedHeapFits(double max, int cells) {
        return max >= Double.MIN_NORMAL * HEAP_RING && max < Double.MAX_VALUE / (2.0 * cells)
                && (long) cells * HEAP_RING < (1 << 30);
    }

    /** Dijkstra with a ring of buckets a hair narrower than minCost; see the class comment. */
    private void dijkstraWithBuckets(Scratch s, int ring) {
        double[] cost = s.cost;
        double[] dist = s.dist;
        int[] pred = s.pred;
        BucketRing buckets = s.buckets;
        int[] steps = paddedSteps;
        double perBucket = 1.0 / (s.minCost * NARROWING);
        System.arraycopy(initialDist, 0, dist, 0, dist.length);
        buckets.clear(ring);
        int from = paddedSource;
        int to = paddedTarget;
        dist[from] = cost[from];
        pred[from] = -1;
        int current = (int) (dist[from] * perBucket);
        buckets.add(current, from, dist[from]);
        int stride = width + 2;
        boolean eight = neighbourhood == 8;
        while (buckets.size() > 0) {
            int e = buckets.poll(current);
            if (e < 0) {
                current++;
                continue;
            }
            int u = buckets.item(e);
            double du = dist[u];
            if ((int) (du * perBucket) != current) {
                // left behind when u was improved into an earlier bucket, where it was settled
                // (a second entry in its own bucket is settled again, which changes nothing)
                continue;
            }
            if (u == to) {
                break;
            }
            if (eight) {
                // written out: the JIT then keeps the offsets in registers (docs/BENCHMARKS.md)
                relax(u, du, u - stride - 1, s, perBucket);
                relax(u, du, u - stride, s, perBucket);
                relax(u, du, u - stride + 1, s, perBucket);
                relax(u, du, u - 1, s, perBucket);
                relax(u, du, u + 1, s, perBucket);
                relax(u, du, u + stride - 1, s, perBucket);
                relax(u, du, u + stride, s, perBucket);
                relax(u, du, u + stride + 1, s, perBucket);
            } else {
                for (int step : steps) {
                    relax(u, du, u + step, s, perBucket);
                }
            }
        }
    }

    /**
     * Relaxes the move from settled u (at distance du) to v: a shorter distance files v into its
     * bucket as a new entry; an equal one keeps the neighbour Dijkstra settles first, the smaller
     * (distance, index).
     */
    private static void relax(int u, double du, int v, Scratch s, double perBucket) {
        double nd = du + s.cost[v];
        double[] dist = s.dist;
        double dv = dist[v];
        if (nd < dv) {
            dist[v] = nd;
            s.pred[v] = u;
            s.buckets.add((int) (nd * perBucket), v, nd);
            return;
        }
        if (nd == dv) {
            int p = s.pred[v];
            double dp = dist[p];
            if (du < dp || (du == dp && u < p)) {
                s.pred[v] = u;
            }
        }
    }

    /**
     * Dijkstra with a binary heap of (distance, cell) pairs and lazy deletion, split by distance
     * into buckets {@code 1 / perBucket} wide: the current bucket's pairs are a heap, later ones
     * wait in lists and join the heap when their bucket comes. With {@code perBucket = 0} every
     * pair falls in bucket 0 and this is the single heap. Costs are >= 0, so a relaxation never
     * lands in an earlier bucket (rounding is monotone), and every pair of a later bucket is larger
     * than every pair of the current one: the pops are the single heap's pops, pair for pair, and
     * so are the distances, predecessors and paths. With {@code perBucket = (HEAP_RING / 2) /
     * maxCost}, live distances lie within maxCost of the current bucket, half the ring, so the ring
     * never wraps onto a live bucket.
     */
    private void dijkstraWithHeap(Scratch s, double perBucket) {
        double[] cost = s.cost;
        double[] dist = s.dist;
        int[] pred = s.pred;
        PairHeap heap = s.heap;
        BucketRing waiting = s.buckets;
        int[] steps = paddedSteps;
        System.arraycopy(initialDist, 0, dist, 0, dist.length);
        heap.clear();
        waiting.clear(HEAP_RING);
        int from = paddedSource;
        int to = paddedTarget;
        dist[from] = cost[from];
        pred[from] = -1;
        int current = (int) (dist[from] * perBucket);
        heap.push(cost[from], from);
        while (!heap.isEmpty() || waiting.size() > 0) {
            if (heap.isEmpty()) {
                do {
                    current++;
                } while (waiting.isEmpty(current));
                for (int e = waiting.poll(current); e >= 0; e = waiting.poll(current)) {
                    heap.push(waiting.key(e), waiting.item(e));
                }
                continue;
            }
            double du = heap.minKey();
            int u = heap.minItem();
            heap.removeMin();
            if (du > dist[u]) {
                // a stale pair left behind by a later, strictly smaller distance of u
                continue;
            }
            if (u == to) {
                break;
            }
            // No settled flags are needed: a settled v has dist[v] <= du <= du + cost[v], so it is
            // never improved; border cells cost +infinity and sit at -infinity, never improved.
            for (int e = 0; e < steps.length; e++) {
                int v = u + steps[e];
                double nd = du + cost[v];
                if (nd < dist[v]) {
                    dist[v] = nd;
                    pred[v] = u;
                    int b = (int) (nd * perBucket);
                    if (b == current) {
                        heap.push(nd, v);
                    } else {
                        waiting.add(b, v, nd);
                    }
                }
            }
        }
    }

    /**
     * Copies {@code -theta} (finite: the base checked it) into the scratch's costs, clamped when
     * the policy says so, and records their minimum and maximum. The common case (no negative
     * cost under {@link NegativeCostPolicy#REJECT}) runs without a test per cell that could throw
     * (docs/BENCHMARKS.md has what that saves); anything else is read again by
     * {@link #readCostsChecked}, which names the first offending cell.
     */
    private void readCosts(double[] theta, int offset, Scratch s) {
        double[] cost = s.cost;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double floor = policy == NegativeCostPolicy.CLAMP ? minCost : Double.NEGATIVE_INFINITY;
        int stride = width + 2;
        for (int row = 0, i = offset; row < height; row++) {
            for (int col = 0, padded = (row + 1) * stride + 1; col < width; col++, i++, padded++) {
                double t = -theta[i];
                double c = t < floor ? floor : t;
                cost[padded] = c;
                min = c < min ? c : min;
                max = c > max ? c : max;
            }
        }
        if (min < minCost) {
            readCostsChecked(theta, offset, s);
            return;
        }
        s.minCost = min;
        s.maxCost = max;
    }

    /**
     * Copies {@code -theta} into the scratch's costs, applying the negative-cost policy to each
     * cell, and records their minimum and maximum.
     */
    private void readCostsChecked(double[] theta, int offset, Scratch s) {
        double[] cost = s.cost;
        double min = Double.POSITIVE_INFINITY;
        double max = 0.0;
        int stride = width + 2;
        for (int row = 0, i = 0; row < height; row++) {
            for (int col = 0, padded = (row + 1) * stride + 1; col < width; col++, i++, padded++) {
                double c = policy.cost(theta[offset + i], minCost, i, cellNames,
                        "use the clamp negative-cost policy or keep theta <= 0");
                cost[padded] = c;
                // plain comparisons: costs are finite here, and a -0.0 cost still leaves min <= 0
                if (c < min) {
                    min = c;
                }
                if (c > max) {
                    max = c;
                }
            }
        }
        s.minCost = min;
        s.maxCost = max;
    }

    private String cellName(int i) {
        return "cell row " + (i / width) + ", column " + (i % width);
    }

    @Override
    protected String describeCoordinate(int coordinate) {
        return cellName(coordinate);
    }

    /**
     * Feasible z: a 0/1 vector that marks the source and the target, whose marked cells are
     * connected under the neighbourhood, and in which every marked cell has at least two marked
     * neighbours, except the source and the target (at least one, unless they coincide and are the
     * only marked cell). These conditions are necessary for the cells of a simple source-target
     * path, and sufficient for a path without shortcuts between non-consecutive cells, which is
     * every path this oracle returns when all costs are positive.
     */
    @Override
    public String infeasibility(double[] z) {
        String binary = BinaryVectors.infeasibility(z, cells);
        if (binary != null) {
            return binary;
        }
        if (z[source] != 1.0) {
            return "z does not mark the source " + cellName(source);
        }
        if (z[target] != 1.0) {
            return "z does not mark the target " + cellName(target);
        }
        int marked = 0;
        for (int i = 0; i < cells; i++) {
            if (z[i] == 1.0) {
                marked++;
                int degree = 0;
                for (int e = adjacencyStart[i]; e < adjacencyStart[i + 1]; e++) {
                    degree += (int) z[adjacency[e]];
                }
                int needed = i == source || i == target ? 1 : 2;
                if (source == target && i == source) {
                    needed = 0;
                }
                if (degree < needed) {
                    return "marked " + cellName(i) + " has " + degree + " marked neighbours, needs "
                            + needed;
                }
            }
        }
        if (source == target && marked != 1) {
            return "source and target coincide but z marks " + marked + " cells";
        }
        int[] stack = new int[cells];
        boolean[] seen = new boolean[cells];
        int top = 0;
        int reached = 1;
        stack[top++] = source;
        seen[source] = true;
        while (top > 0) {
            int u = stack[--top];
            for (int e = adjacencyStart[u]; e < adjacencyStart[u + 1]; e++) {
                int v = adjacency[e];
                if (z[v] == 1.0 && !seen[v]) {
                    seen[v] = true;
                    reached++;
                    stack[top++] = v;
                }
            }
        }
        return reached == marked ? null
                : "only " + reached + " of the " + marked + " marked cells are connected to the source";
    }

    @Override
    public String toString() {
        return "GridShortestPathOracle[" + height + "x" + width + ", " + neighbourhood
                + "-neighbourhood, source " + source + ", target " + target + ", " + policy + "]";
    }

    /**
     * Per-thread working arrays over the padded layout: the grid surrounded by a border of one
     * cell whose cost is +infinity, so that every interior cell has all its neighbour slots and
     * the inner loop needs no bounds tests. Padded indices keep the row-major order of cells, so
     * the (distance, index) settle order and the tie rule are those of the unpadded grid.
     */
    private static final class Scratch {
        final double[] cost;
        final double[] dist;
        final int[] pred;
        /** The heap of (distance, cell) pairs; capacity one pair per directed adjacency plus the source. */
        final PairHeap heap;
        /** The bucket queue, and the bucketed heap's waiting lists. */
        final BucketRing buckets;
        /** The smallest and largest cost of the current solve. */
        double minCost;
        double maxCost;

        Scratch(int paddedCells, int adjacencies) {
            cost = new double[paddedCells];
            Arrays.fill(cost, Double.POSITIVE_INFINITY);
            dist = new double[paddedCells];
            pred = new int[paddedCells];
            heap = new PairHeap(adjacencies + 1);
            buckets = new BucketRing(MAX_BUCKETS, adjacencies + 1);
        }
    }
}
