/**
 * IDX files (MNIST, Fashion-MNIST), plain or gzip-compressed, and the Fashion-MNIST data set read
 * from them.
 */
package org.imle.data.idx;
