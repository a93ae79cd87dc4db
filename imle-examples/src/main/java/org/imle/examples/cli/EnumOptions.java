package org.imle.examples.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * How enum options are parsed: by their label, the constant's {@code toString()} (the enums of
 * the command line return their lower-case, hyphenated name, {@code combresnet},
 * {@code arborescence}), ignoring case; the constant's name with {@code -} for {@code _} is
 * accepted too. A value that is none of them is a bad option whose one line lists the labels,
 * {@code Invalid value for option '--model': expected one of small, combresnet, patch, got 'x'},
 * and the help's {@code ${COMPLETION-CANDIDATES}} lists the same labels.
 */
final class EnumOptions {

    private EnumOptions() {
    }

    /** Registers the converter for the type of every enum option of {@code cmd}. */
    static void register(CommandLine cmd) {
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            Class<?> type = o.type();
            if (type.isEnum()) {
                registerFor(cmd, type.asSubclass(Enum.class));
            }
        }
    }

    private static <E extends Enum<E>> void registerFor(CommandLine cmd, Class<E> type) {
        cmd.registerConverter(type, converter(type));
    }

    /** The converter of one enum type. */
    static <E extends Enum<E>> ITypeConverter<E> converter(Class<E> type) {
        return new LabelConverter<>(type.getEnumConstants());
    }

    /**
     * A class, not a lambda: the class-data archive's dump links the interface of a lambda it
     * archives, and picocli's interfaces (Java 5 bytecode) once linked are left out of the
     * archive with their 29 built-in converters, which every run then loaded from the jar.
     */
    private static final class LabelConverter<E extends Enum<E>> implements ITypeConverter<E> {
        private final E[] constants;

        LabelConverter(E[] constants) {
            this.constants = constants;
        }

        @Override
        public E convert(String text) {
            String t = text.trim();
            for (E e : constants) {
                if (e.toString().equalsIgnoreCase(t) || e.name().equalsIgnoreCase(t.replace('-', '_'))) {
                    return e;
                }
            }
            throw new TypeConversionException("expected one of " + labels(constants) + ", got '" + text + "'");
        }
    }

    private static String labels(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Object::toString).collect(Collectors.joining(", "));
    }
}
