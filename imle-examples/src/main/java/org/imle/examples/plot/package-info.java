/**
 * Line charts of the experiments' curves, written as PNG files.
 */
package org.imle.examples.plot;
