package org.imle.api;

/**
 * One parameter an oracle factory takes, as {@code imle oracles} lists it.
 *
 * @param name the key in the parameter map, such as {@code k}
 * @param type a short type name: {@code int}, {@code double}, {@code string}, {@code int[]},
 *     {@code double[]}, {@code double[][]}, {@code boolean}
 * @param required whether it has no default
 * @param defaultValue the default in text form, or {@code null} when required
 * @param description what it means, one line
 */
public record OracleParameter(String name, String type, boolean required, String defaultValue,
        String description) {

    public static OracleParameter required(String name, String type, String description) {
        return new OracleParameter(name, type, true, null, description);
    }

    public static OracleParameter optional(String name, String type, String defaultValue,
            String description) {
        return new OracleParameter(name, type, false, defaultValue, description);
    }
}
