/**
 * The plug-in registry of oracles: {@link org.imle.api.registry.OraclePlugin} (a Guice module
 * found with {@link java.util.ServiceLoader}) contributes named
 * {@link org.imle.api.registry.OracleFactory} instances, {@link org.imle.api.registry.Oracles}
 * lists and creates them from a name and {@link org.imle.api.registry.Parameters}, and
 * {@link org.imle.api.registry.ValidatingOracle} checks every answer in tests.
 */
package org.imle.api.registry;
