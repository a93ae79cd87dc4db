/**
 * The bridge between the autodiff graph and the estimators of imle-api: {@link org.imle.train.node.DiscreteNode}.
 */
package org.imle.train.node;
