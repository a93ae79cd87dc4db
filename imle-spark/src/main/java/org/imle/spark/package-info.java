/**
 * The MAP solves of training on Apache Spark: {@link org.imle.spark.SparkSolveExecutor} implements
 * the row-batch solve contract of {@link org.imle.api.execution.SolveExecutor} by sending blocks of
 * theta rows to Spark tasks, whose executor JVMs rebuild each oracle once from its
 * {@link org.imle.api.registry.OracleSpec} through their own plug-in registry.
 */
package org.imle.spark;
