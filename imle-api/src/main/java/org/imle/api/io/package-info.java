/**
 * Writing output files atomically: readers see the old file or the complete new one, never half of
 * one.
 */
package org.imle.api.io;
