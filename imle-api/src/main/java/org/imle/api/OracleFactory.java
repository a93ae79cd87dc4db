package org.imle.api;

import java.util.List;

/**
 * Makes oracles of one family from named parameters; registered under its {@link #name()} by an
 * {@link OraclePlugin}.
 */
public interface OracleFactory {

    /** The name the registry and the command line use, such as {@code top-k}. */
    String name();

    /** One line saying what the oracle solves and how theta and z encode it. */
    String description();

    /** The parameters {@link #create} reads. */
    List<OracleParameter> parameters();

    /**
     * Creates an oracle.
     *
     * @throws IllegalArgumentException naming the parameter when one is missing, of the wrong type
     *     or out of range
     */
    MapOracle create(OracleParameters parameters);
}
