package org.imle.noise;

import java.util.List;
import org.imle.api.registry.NoiseFactory;
import org.imle.api.registry.NoisePlugin;
import org.imle.api.registry.Setting;

/**
 * Registers this module's noise distributions by name, so that an estimator's {@code noise}
 * parameter can name them: {@code gumbel}, {@code sum-of-gamma}, {@code sum-of-gamma-tabulated} and
 * {@code gaussian} ({@code none} is imle-api's own). Each parameter is declared once here, as a
 * {@link Setting}; {@link NoiseDistributions} and the registry both create through these factories.
 * Listed in {@code META-INF/services/org.imle.api.registry.NoisePlugin}.
 */
public final class NoisesPlugin extends NoisePlugin {

    public static final Setting<Double> LOCATION = Setting.real("location", 0.0, "the Gumbel location mu");
    public static final Setting<Double> SCALE = Setting.real("scale", 1.0, "the Gumbel scale beta > 0");
    public static final Setting<Double> K = Setting.of("k", "double", null, null,
            "the subset size the noise is tailored to (>= 1, need not be an integer: torch-imle uses 15.6)",
            (p, name, noises) -> p.getDouble(name));
    public static final Setting<Integer> ITERATIONS = Setting.integer("iterations", 10,
            "s, the Gamma terms summed (the tabulated sampler takes at most 100)");
    public static final Setting<Double> TEMPERATURE = Setting.real("temperature", 1.0,
            "a scale applied inside the noise (> 0)");
    public static final Setting<Boolean> TABULATED = Setting.bool("tabulated", false,
            "true draws from the tabulated law (sum-of-gamma-tabulated)");
    public static final Setting<Double> MEAN = Setting.real("mean", 0.0, "the Gaussian mean");
    public static final Setting<Double> STD = Setting.real("std", 1.0, "the Gaussian standard deviation (> 0)");

    /** The factories, in the order {@link NoiseDistributions#NAMES} lists them after {@code none}. */
    public static final List<NoiseFactory> FACTORIES = List.of(
            NoiseFactory.of("gumbel", "Gumbel(location, scale): exact perturb-and-MAP for one-hot structures",
                    List.of(LOCATION, SCALE), p -> GumbelNoise.of(LOCATION.read(p), SCALE.read(p))),
            NoiseFactory.of("sum-of-gamma", "Sum-of-Gamma (Niepert et al. 2021): k of them sum to a Gumbel, for"
                    + " k-subsets", List.of(K, ITERATIONS, TEMPERATURE, TABULATED),
                    p -> TABULATED.read(p)
                            ? TabulatedSumOfGammaNoise.of(K.read(p), ITERATIONS.read(p), TEMPERATURE.read(p))
                            : SumOfGammaNoise.of(K.read(p), ITERATIONS.read(p), TEMPERATURE.read(p))),
            NoiseFactory.of("sum-of-gamma-tabulated", "Sum-of-Gamma from a tabulated law: within 2.5e-4 in"
                    + " Kolmogorov distance, one uniform draw per value", List.of(K, ITERATIONS, TEMPERATURE),
                    p -> TabulatedSumOfGammaNoise.of(K.read(p), ITERATIONS.read(p), TEMPERATURE.read(p))),
            NoiseFactory.of("gaussian", "Gaussian(mean, std): the perturbed optimizer's and Fenchel-Young's default",
                    List.of(MEAN, STD), p -> GaussianNoise.of(MEAN.read(p), STD.read(p))));

    @Override
    protected void registerNoises() {
        FACTORIES.forEach(this::register);
    }
}
