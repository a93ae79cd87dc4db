/**
 * {@code imle parse}: dependency parsing through a tree oracle, supervised or with latent trees.
 */
package org.imle.examples.parse;
