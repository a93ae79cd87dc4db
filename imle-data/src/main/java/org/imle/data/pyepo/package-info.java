/**
 * PyEPO's polynomial data generator for predict-then-optimise problems.
 */
package org.imle.data.pyepo;
