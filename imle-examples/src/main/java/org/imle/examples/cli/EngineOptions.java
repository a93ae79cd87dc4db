package org.imle.examples.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --engine java|djl} and {@code --device cpu|gpu}: which kernels run the network. The Java
 * engine (imle-train) is the default and needs no native library; {@code djl} runs the network on
 * libtorch through DJL (imle-djl), loaded only when chosen. Nothing here touches a DJL class.
 */
public final class EngineOptions {

    /** The network engines. */
    public enum Engine {
        /** imle-train's pure-Java kernels: the same numbers on any thread count. */
        JAVA,
        /** libtorch through DJL: the same numbers for one seed and one thread count. */
        DJL;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where DJL runs the network. */
    public enum Device {
        /** The CPU, with {@code --threads} intra-op threads. */
        CPU,
        /** The first GPU; needs DJL's CUDA build of libtorch on the class path (see README). */
        GPU;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Network engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). java is pure Java "
                    + "(same numbers on any thread count); djl runs the network on libtorch (same numbers for a "
                    + "fixed thread count).")
    private Engine engine = Engine.JAVA;

    @Option(names = "--device", paramLabel = "NAME",
            description = "Device of --engine djl: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Device device = Device.CPU;

    public Engine engine() {
        return engine;
    }

    /**
     * The device.
     *
     * @throws BadInputException for {@code --device gpu} with the Java engine
     */
    public Device device() {
        if (device == Device.GPU && engine == Engine.JAVA) {
            throw new BadInputException("--device gpu needs --engine djl (the Java engine runs on the CPU)");
        }
        return device;
    }
}
