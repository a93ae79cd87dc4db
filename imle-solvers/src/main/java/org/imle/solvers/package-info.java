/**
 * The MAP oracles' common parts: the two plug-ins that register every oracle of this module by
 * name, the exceptions for infeasible, unbounded and timed-out problems, the loading of the
 * OR-Tools natives and the argument checks of the fast oracles. The oracles themselves are in one
 * sub-package per problem.
 */
package org.imle.solvers;
