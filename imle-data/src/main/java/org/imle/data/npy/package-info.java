/**
 * NumPy {@code .npy} files (format versions 1.0 to 3.0), read and written, with half-precision
 * conversions.
 */
package org.imle.data.npy;
