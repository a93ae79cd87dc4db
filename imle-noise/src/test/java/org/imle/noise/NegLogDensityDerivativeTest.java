package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.imle.api.DifferentiableNoise;
import org.junit.jupiter.api.Test;

class NegLogDensityDerivativeTest {

    private static void matchesNumericDerivative(DifferentiableNoise noise, DoubleUnaryOperator logDensity) {
        for (double x = -3; x <= 6; x += 0.25) {
            double h = 1e-6;
            double numeric = -(logDensity.applyAsDouble(x + h) - logDensity.applyAsDouble(x - h)) / (2 * h);
            assertEquals(numeric, noise.negLogDensityDerivative(x), 1e-6, noise + " at " + x);
        }
    }

    @Test
    void gaussianIsTheDerivativeOfMinusItsLogDensity() {
        matchesNumericDerivative(GaussianNoise.of(1.0, 2.0), x -> -(x - 1) * (x - 1) / 8);
    }

    @Test
    void gumbelIsTheDerivativeOfMinusItsLogDensity() {
        matchesNumericDerivative(GumbelNoise.of(0.5, 1.5), x -> {
            double u = (x - 0.5) / 1.5;
            return -u - Math.exp(-u);
        });
    }
}
