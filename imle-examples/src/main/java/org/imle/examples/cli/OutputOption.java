package org.imle.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ListResourceBundle;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}: where a command writes {@code metrics.csv}, {@code metrics.json} and its
 * other files, each atomically. The default is the command's ({@link OptionDefaults}); a command
 * without one writes no file unless {@code --out} is given.
 */
public final class OutputOption {

    private static final String DESCRIPTION_KEY = "imle.out";
    private static final String WHAT = "Directory for metrics.csv, metrics.json and the command's other output files";

    @Option(names = "--out", paramLabel = "DIR", descriptionKey = DESCRIPTION_KEY,
            description = WHAT + "; none are written without it.")
    private Path out;

    /**
     * Makes the help of {@code --out} state the command's default directory when it has one (the
     * annotation's text is for commands without one); picocli reads a description from a
     * command's resource bundle before the annotation's.
     */
    static void describeDefault(CommandSpec spec, OptionDefaults defaults) {
        OptionSpec option = spec.findOption("--out");
        if (option != null && defaults.defaultValue(option) != null) {
            spec.resourceBundle(new ListResourceBundle() {
                @Override
                protected Object[][] getContents() {
                    return new Object[][] {{DESCRIPTION_KEY, WHAT + " (default: ${DEFAULT-VALUE})."}};
                }
            });
        }
    }

    /**
     * The output directory, or {@code null} for none.
     *
     * @throws BadInputException when the path exists and is not a directory
     */
    public Path dir() {
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException("--out '" + out + "' exists and is not a directory");
        }
        return out;
    }
}
