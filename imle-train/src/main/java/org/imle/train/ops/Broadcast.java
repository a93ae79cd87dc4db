package org.imle.train.ops;

import org.imle.train.tensor.Shape;

/**
 * How two shapes map onto their broadcast result, precomputed once per operation: the result is
 * viewed as {@code rows x cols} (cols = its last dimension); for each result row, the offset of the
 * corresponding row of each input, and for each input a step of 0 (broadcast) or 1 along the last
 * dimension. Building the plan costs O(rows); element loops then need no index arithmetic.
 */
final class Broadcast {

    final int[] outShape;
    final int rows;
    final int cols;
    final int[] aRow;
    final int[] bRow;
    final int aStep;
    final int bStep;

    Broadcast(int[] a, int[] b) {
        outShape = Shape.broadcast(a, b);
        int rank = outShape.length;
        cols = rank == 0 ? 1 : outShape[rank - 1];
        rows = cols == 0 ? 0 : Shape.size(outShape) / cols;
        int[] sa = Shape.broadcastStrides(a, outShape);
        int[] sb = Shape.broadcastStrides(b, outShape);
        aStep = rank == 0 ? 0 : sa[rank - 1];
        bStep = rank == 0 ? 0 : sb[rank - 1];
        aRow = new int[rows];
        bRow = new int[rows];
        int[] counter = new int[Math.max(0, rank - 1)];
        int oa = 0;
        int ob = 0;
        for (int r = 0; r < rows; r++) {
            aRow[r] = oa;
            bRow[r] = ob;
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                oa += sa[d];
                ob += sb[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                oa -= sa[d] * outShape[d];
                ob -= sb[d] * outShape[d];
                counter[d] = 0;
            }
        }
    }
}
