/**
 * Solution caching (Mulamba et al. 2021): an oracle that answers a fraction of the calls from the
 * solutions it has already seen.
 */
package org.imle.solvers.cache;
