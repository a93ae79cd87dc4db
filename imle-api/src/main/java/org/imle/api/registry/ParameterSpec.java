package org.imle.api.registry;

/**
 * One parameter an oracle factory takes, as {@code imle oracles} lists it.
 *
 * @param name the key in the parameter map, such as {@code k}
 * @param type a short type name: {@code int}, {@code double}, {@code string}, {@code int[]},
 *     {@code double[]}, {@code double[][]}, {@code boolean}, {@code noise} (a noise name or
 *     {@code {"name": ..., parameters}})
 * @param required whether it has no default
 * @param defaultValue the default in text form, or {@code null} when required
 * @param description what it means, one line
 */
public record ParameterSpec(String name, String type, boolean required, String defaultValue,
        String description) {

    public static ParameterSpec required(String name, String type, String description) {
        return new ParameterSpec(name, type, true, null, description);
    }

    public static ParameterSpec optional(String name, String type, String defaultValue,
            String description) {
        return new ParameterSpec(name, type, false, defaultValue, description);
    }
}
