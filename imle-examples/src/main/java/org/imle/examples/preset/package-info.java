/**
 * The estimators of each experiment as data: a {@link org.imle.examples.preset.Presets} table of
 * parameter maps per experiment, whose rows name methods of the estimator registry (or the
 * experiment's own methods) and leave {@link org.imle.examples.preset.Knob}s for the command line's
 * estimator options; a {@link org.imle.examples.preset.Choice} is the row and knob values a run
 * trains with, and builds the method through the registry.
 */
package org.imle.examples.preset;
