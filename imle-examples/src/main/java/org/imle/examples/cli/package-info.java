/**
 * The {@code imle} command line: one subcommand class each, the shared conventions (results on
 * stdout, progress on stderr, one-line errors with exit code 2 for bad input and 1 for other
 * failures) and the front of the JSON Lines gradient service ({@code org.imle.examples.gradient}).
 */
package org.imle.examples.cli;
