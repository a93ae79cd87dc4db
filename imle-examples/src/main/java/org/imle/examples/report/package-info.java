/**
 * What the report commands share: reading the fields of a run's summary file, and the mean and
 * spread of a group of runs.
 */
package org.imle.examples.report;
