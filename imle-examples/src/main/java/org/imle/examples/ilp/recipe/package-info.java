/**
 * The README's recipe "Your own integer program as a layer", as tested code.
 */
package org.imle.examples.ilp.recipe;
