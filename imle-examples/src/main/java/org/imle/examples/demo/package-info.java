/**
 * {@code imle demo}: a linear model trained through an I-MLE top-k layer in seconds.
 */
package org.imle.examples.demo;
