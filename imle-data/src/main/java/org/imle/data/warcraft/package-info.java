/**
 * The Warcraft shortest-path data set (Vlastelica et al. 2020): its NumPy files and a generator of
 * maps in the same format.
 */
package org.imle.data.warcraft;
