package org.imle.spark;

import java.io.Serializable;

/**
 * One Spark task's share of a solve request: {@code rows} theta rows of length n, row-major, the
 * first of them being row {@code first} of the request.
 */
record RowBlock(int first, int rows, double[] theta) implements Serializable {

    private static final long serialVersionUID = 1L;
}
