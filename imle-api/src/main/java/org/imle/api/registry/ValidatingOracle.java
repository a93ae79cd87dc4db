package org.imle.api.registry;

import org.imle.api.MapOracle;

/**
 * A debug decorator that checks every structure an oracle returns against the oracle's own
 * constraints ({@link MapOracle#infeasibility}) and fails loudly instead of passing an infeasible
 * z on to an estimator.
 *
 * <p>It costs one {@code infeasibility} call per solve (linear in n for most oracles, a constraint
 * evaluation for ILPs), so it is meant for tests: {@link Oracles#create} wraps every oracle it makes
 * when the system property {@value #PROPERTY} is {@code true}, which the build's test
 * configuration sets. Thread-safe when the wrapped oracle is.
 */
public final class ValidatingOracle implements MapOracle {

    /** The system property that switches the check on for every oracle {@link Oracles} creates. */
    public static final String PROPERTY = "imle.validateOracles";

    private final MapOracle delegate;
    private final String name;

    private ValidatingOracle(MapOracle delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    /**
     * Wraps an oracle; {@code name} appears in the error so a failing test says which oracle broke.
     * An already validating oracle is returned as it is.
     */
    public static MapOracle wrap(MapOracle oracle, String name) {
        if (oracle == null) {
            throw new IllegalArgumentException("oracle is null");
        }
        return oracle instanceof ValidatingOracle ? oracle : new ValidatingOracle(oracle, name);
    }

    /** Wraps the oracle when {@value #PROPERTY} is {@code true}, otherwise returns it unchanged. */
    public static MapOracle wrapIfEnabled(MapOracle oracle, String name) {
        return enabled() ? wrap(oracle, name) : oracle;
    }

    /** Whether {@value #PROPERTY} is set to {@code true}. */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * The oracle inside a validating wrapper, or the oracle itself: for code that needs the
     * concrete type of an oracle made by {@link Oracles#create}.
     */
    public static MapOracle unwrap(MapOracle oracle) {
        return oracle instanceof ValidatingOracle v ? v.delegate : oracle;
    }

    /** The oracle this one checks. */
    public MapOracle delegate() {
        return delegate;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    /**
     * Solves with the wrapped oracle, then checks z.
     *
     * @throws IllegalStateException naming the oracle and the violated constraint if z is not a
     *     structure of the oracle's set
     */
    @Override
    public void solve(double[] theta, double[] z) {
        delegate.solve(theta, z);
        check(z);
    }

    @Override
    public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        delegate.solve(theta, thetaOffset, z, zOffset);
        int n = delegate.dimension();
        double[] copy = new double[n];
        System.arraycopy(z, zOffset, copy, 0, n);
        check(copy);
    }

    @Override
    public String infeasibility(double[] z) {
        return delegate.infeasibility(z);
    }

    private void check(double[] z) {
        String why = delegate.infeasibility(z);
        if (why != null) {
            throw new IllegalStateException("oracle " + name + " returned an infeasible structure: " + why);
        }
    }

    @Override
    public String toString() {
        return "validating " + name;
    }
}
